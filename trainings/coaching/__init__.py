"""Coaching of role models.

services.py   who sees and logs what (coordinators, the coach, the role model), the coaches'
              overview, logging a session and its actions, the weekly coach digest
forms.py      the session form and its formset of actions
"""
