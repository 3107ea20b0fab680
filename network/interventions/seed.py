"""Demo and scale data of the handelingskader. All texts were written for this demo."""

import random
from datetime import date
from importlib import import_module

from django.core.files.base import ContentFile

from network.interventions.models import (
    Intervention,
    InterventionProvider,
    KnowledgeDocument,
    Mechanism,
    PolarisationForm,
    PracticeExample,
    SituationGuidance,
)
from network.models import ContactPerson, Municipality, NetworkAgreement, Organisation

K = Intervention.Kind
C = Intervention.Category
L = Intervention.Level
E = Intervention.EvidenceLevel

# Names other seeds use to tag activities and case conferences.
ROLE_MODEL_MEETINGS = "Voorlichtingsbijeenkomsten door rolmodellen"
BASIC_TRAINING = "Basistraining Signalering van polarisatie en radicalisering"
CASE_ADVICE = "Advies en casusoverleg bij zorgen over radicalisering"
MENTORING = "Mentortraject voor jongeren op een kantelpunt"
DIALOGUE = "Dialoogtafels na een ingrijpende gebeurtenis"

# (name, kind, category, level, evidence, source, forms, mechanisms, target groups, public,
#  providers [(organisation, contact or None)], duration, costs, texts)
INTERVENTIONS = [
    (
        ROLE_MODEL_MEETINGS,
        K.PREVENTIVE,
        C.YOUTH,
        L.GROUP,
        E.WELL_DESCRIBED,
        "Beschrijving en evaluatie van het expertisenetwerk, 2025",
        ["spanningen-tussen-groepen", "online-uitingen", "individuele-radicalisering"],
        ["voorlichting", "dialoog-en-ontmoeting", "weerbaarheidstraining"],
        ["young_people", "parents"],
        True,
        [("Jongerenwerk Oost-Groningen", "Karin Mulder"), ("WIJ Groningen", None)],
        "Eén bijeenkomst van 90 minuten, eventueel met een vervolg",
        "Vrijwilligersvergoeding van het rolmodel en zaalhuur",
        {
            "summary": "Getrainde rolmodellen uit de eigen gemeenschap vertellen hun verhaal "
            "en gaan met jongeren en ouders in gesprek over wij-zij-denken, online invloeden "
            "en de keuzes die je daarin hebt.",
            "reason": "Jongeren nemen boodschappen over polarisatie eerder aan van iemand die "
            "op hen lijkt dan van een instantie. Veel scholen en buurthuizen vragen om een "
            "gesprek dat dichter bij de leefwereld staat.",
            "goals": "Jongeren herkennen wij-zij-denken, kennen andere perspectieven en weten "
            "bij wie ze terechtkunnen. Ouders weten waar ze op kunnen letten.",
            "approach": "Een rolmodel vertelt een persoonlijk verhaal, gevolgd door stellingen "
            "en een open gesprek. Een professional van de ontvangende organisatie is erbij en "
            "volgt signalen op. Na afloop registreert het rolmodel de activiteit.",
            "preconditions": "Rolmodel heeft de rolmodeltraining afgerond en een VOG. De "
            "ontvangende organisatie zorgt voor een vaste contactpersoon.",
            "transferability": "Toepasbaar in elke gemeente met een pool van rolmodellen; "
            "de vorm past zich aan de groep aan (klas, ouderavond, sportclub).",
            "research": "Evaluaties na elke bijeenkomst; jaarlijkse analyse van bereik en "
            "reacties van deelnemers.",
        },
    ),
    (
        BASIC_TRAINING,
        K.PREVENTIVE,
        C.MUNICIPAL,
        L.GROUP,
        E.WELL_DESCRIBED,
        "Trainershandleiding basistraining, versie 2026",
        [
            "spanningen-tussen-groepen",
            "individuele-radicalisering",
            "extremistische-propaganda",
            "anti-overheid-en-ondermijning",
        ],
        ["voorlichting", "advies-bij-een-situatie"],
        ["professionals"],
        True,
        [("Veiligheidshuis Groningen", "Linda Hoekstra")],
        "Twee dagdelen",
        "Gratis voor partners van het netwerk",
        {
            "summary": "Eerstelijnsprofessionals leren signalen van polarisatie en "
            "radicalisering te herkennen, te duiden en te bespreken, en weten hoe ze een "
            "zorg melden.",
            "reason": "Professionals zien veel, maar twijfelen of iets zorgelijk is en bij wie "
            "ze ermee terechtkunnen.",
            "target_group_description": "Jongerenwerkers, docenten, wijkagenten, "
            "medewerkers van welzijn en zorg en van de gemeente.",
            "goals": "Deelnemers kunnen signalen duiden, kennen de meldroute en de "
            "netwerkafspraken van hun gemeente en voeren het gesprek met een jongere.",
            "approach": "Casussen uit de regio, oefenen met gesprekken en kennismaken met de "
            "partners van het netwerk. Afsluiting met een certificaat.",
            "preconditions": "Groepen van 8 tot 16 deelnemers uit verschillende domeinen.",
            "transferability": "Draait in alle gemeenten van de regio; casussen worden per "
            "gemeente gekozen.",
        },
    ),
    (
        MENTORING,
        K.PREVENTIVE,
        C.YOUTH,
        L.INDIVIDUAL,
        E.WELL_FOUNDED,
        "Literatuuroverzicht mentoring bij jongeren op een kantelpunt, 2024",
        ["individuele-radicalisering", "online-uitingen"],
        ["mentoring", "weerbaarheidstraining"],
        ["young_people"],
        False,
        [("Lentis, FACT Jeugd", None), ("Jongerenwerk Oost-Groningen", "Karin Mulder")],
        "Zes tot twaalf maanden, wekelijks contact",
        "Inzet van een getrainde mentor; begeleiding door een professional",
        {
            "summary": "Een vaste mentor trekt op met een jongere die zich afkeert van de "
            "samenleving en biedt een ander perspectief en een veilige plek voor twijfels.",
            "reason": "Jongeren die zich buitengesloten voelen zoeken houvast; een betrouwbare "
            "volwassene verkleint de kans dat extremistische groepen dat bieden.",
            "goals": "De jongere heeft een stabiel contact, een realistisch toekomstbeeld en "
            "een netwerk buiten de eigen bubbel.",
            "approach": "Matching op leeftijd, achtergrond en interesses; wekelijkse "
            "afspraken; maandelijkse intervisie van mentoren met een professional.",
            "research": "Onderbouwd met theorie over binding en identiteit; effectonderzoek "
            "loopt nog.",
        },
    ),
    (
        "Portiekgesprekken",
        K.PREVENTIVE,
        C.LIVING_ENVIRONMENT,
        L.GROUP,
        E.PRACTICE_EXAMPLE,
        "",
        ["spanningen-tussen-groepen", "discriminatie-en-hate-incidenten"],
        ["dialoog-en-ontmoeting", "conflictbemiddeling"],
        ["community"],
        True,
        [("Huurdersvereniging De Wierden", None), ("WIJ Groningen", "Ruben Jansen")],
        "Drie avonden per portiek",
        "Uren van de opbouwwerker, koffie en thee",
        {
            "summary": "Bewoners van één portiek of flat maken afspraken over samenleven, "
            "begeleid door een opbouwwerker.",
            "reason": "Ergernissen tussen buren met verschillende leefstijlen lopen op als "
            "niemand elkaar kent.",
            "goals": "Bewoners kennen elkaar bij naam en hebben samen huisregels opgesteld.",
            "approach": "Huis-aan-huisbezoek, een eerste bijeenkomst in de hal of een "
            "buurtruimte, een gezamenlijke klus en een afsluitende afspraak.",
        },
    ),
    (
        "Buurtbemiddeling",
        K.REACTIVE,
        C.LIVING_ENVIRONMENT,
        L.INDIVIDUAL,
        E.EFFECTIVE,
        "Effectonderzoek buurtbemiddeling (landelijk), 2022",
        ["spanningen-tussen-groepen", "discriminatie-en-hate-incidenten"],
        ["conflictbemiddeling"],
        ["community"],
        True,
        [("WIJ Groningen", "Ruben Jansen")],
        "Gemiddeld drie gesprekken",
        "Getrainde vrijwilligers; coördinatie door welzijnswerk",
        {
            "summary": "Getrainde vrijwillige bemiddelaars helpen buren een conflict zelf op "
            "te lossen voordat het escaleert.",
            "goals": "Buren komen tot afspraken; het conflict leidt niet tot meldingen bij "
            "politie of woningcorporatie.",
            "approach": "Aanmelding door bewoners of partners, aparte gesprekken, daarna een "
            "gezamenlijk gesprek op neutraal terrein.",
            "research": "Effectonderzoek laat zien dat de meeste conflicten na bemiddeling "
            "duurzaam minder worden.",
        },
    ),
    (
        DIALOGUE,
        K.REACTIVE,
        C.NEIGHBOURHOOD,
        L.GROUP,
        E.WELL_DESCRIBED,
        "Handreiking dialoogtafels, netwerkuitgave 2025",
        ["spanningen-tussen-groepen", "online-uitingen"],
        ["dialoog-en-ontmoeting", "advies-bij-een-situatie"],
        ["community", "young_people"],
        True,
        [("Moskee Selimiye", None), ("Protestantse Gemeente Appingedam", None)],
        "Eén of twee avonden, binnen twee weken na de gebeurtenis",
        "Gespreksleider en locatie",
        {
            "summary": "Na een internationale of landelijke gebeurtenis die lokaal "
            "doorwerkt, brengen sleutelfiguren bewoners uit verschillende groepen samen aan "
            "tafel.",
            "reason": "Gebeurtenissen ver weg kunnen in de wijk tot spanning leiden; zwijgen "
            "laat het veld aan de harde stemmen.",
            "goals": "Zorgen worden uitgesproken en gehoord; de stille middenkant krijgt een "
            "stem; er ontstaan afspraken over hoe men elkaar blijft aanspreken.",
            "approach": "Een neutrale gespreksleider, kleine tafels, vaste gespreksregels en "
            "een korte terugkoppeling aan de buurt.",
            "preconditions": "Snel kunnen schakelen: het netwerk kent de sleutelfiguren al.",
        },
    ),
    (
        "Digitaal weerbaar",
        K.PREVENTIVE,
        C.YOUTH,
        L.GROUP,
        E.WELL_FOUNDED,
        "Onderbouwing mediawijsheid en weerbaarheid, 2023",
        ["online-uitingen", "extremistische-propaganda"],
        ["weerbaarheidstraining", "voorlichting"],
        ["young_people"],
        True,
        [("Noorderpoort College", "Peter Smit"), ("Alfa-college", None)],
        "Vier lessen van 50 minuten",
        "Lesmateriaal en een getrainde docent",
        {
            "summary": "Lessenreeks waarin jongeren leren hoe online propaganda en "
            "desinformatie werken en hoe ze zich ertegen wapenen.",
            "goals": "Leerlingen herkennen manipulatietechnieken, checken bronnen en weten "
            "hoe ze reageren op haat in hun tijdlijn.",
            "approach": "Voorbeelden uit de eigen tijdlijn van leerlingen, zelf een "
            "nepbericht maken en ontleden, afspraken in de klas.",
        },
    ),
    (
        "Sportcoaches als bruggenbouwers",
        K.PREVENTIVE,
        C.NEIGHBOURHOOD,
        L.GROUP,
        E.PRACTICE_EXAMPLE,
        "",
        ["spanningen-tussen-groepen"],
        ["dialoog-en-ontmoeting", "mentoring"],
        ["young_people"],
        False,
        [("Voetbalvereniging Be Quick 1887", None), ("Sportclub Stadskanaal", None)],
        "Een seizoen",
        "Vergoeding voor de coach",
        {
            "summary": "Trainers van sportclubs worden getraind om spanningen tussen teams en "
            "groepen op te merken en bespreekbaar te maken.",
            "approach": "Korte training voor trainers, gemengde teams en een vast moment na "
            "de training om incidenten te bespreken.",
        },
    ),
    (
        "Gezamenlijke buurtschouw",
        K.PREVENTIVE,
        C.RESILIENCE,
        L.NEIGHBOURHOOD,
        E.WELL_DESCRIBED,
        "Handreiking wijkanalyse polarisatie, 2019",
        ["spanningen-tussen-groepen", "anti-overheid-en-ondermijning"],
        ["drempels-opwerpen", "advies-bij-een-situatie"],
        ["community", "professionals"],
        False,
        [
            ("Gemeente Groningen, team Veiligheid", "Sanne de Vries"),
            ("Politie Noord-Nederland, basisteam Groningen-Stad", "Ahmed Bouzid"),
        ],
        "Een dagdeel plus een vervolgoverleg",
        "Uren van de deelnemende professionals",
        {
            "summary": "Professionals en bewoners lopen samen door de wijk, benoemen plekken "
            "en groepen waar het schuurt en spreken af wie wat oppakt.",
            "goals": "Een gedeeld beeld van de wijk en een kort actieplan.",
            "approach": "Voorbereiding met cijfers en signalen, wandeling, nabespreking met "
            "het analyse-instrument.",
        },
    ),
    (
        "Sleutelfigurennetwerk",
        K.PREVENTIVE,
        C.RESILIENCE,
        L.NEIGHBOURHOOD,
        E.WELL_FOUNDED,
        "Evaluatie sleutelfigurenaanpak, 2021",
        ["spanningen-tussen-groepen", "individuele-radicalisering"],
        ["advies-bij-een-situatie", "dialoog-en-ontmoeting"],
        ["community"],
        False,
        [
            ("Gemeente Midden-Groningen, team Openbare Orde", "Marco Dijkstra"),
            ("VluchtelingenWerk Noord-Nederland", "Esther Kuipers"),
        ],
        "Doorlopend",
        "Bijeenkomsten en een coördinator",
        {
            "summary": "Een netwerk van mensen met gezag in hun gemeenschap die signalen "
            "doorgeven en bij spanning kunnen helpen de-escaleren.",
            "goals": "Vroeg zicht op onrust; korte lijnen bij incidenten.",
            "approach": "Persoonlijke kennismaking, drie keer per jaar een netwerkbijeenkomst "
            "en een vaste contactpersoon bij de gemeente.",
            "preconditions": "Vertrouwen: relatie gaat voor interventie.",
        },
    ),
    (
        CASE_ADVICE,
        K.REACTIVE,
        C.MUNICIPAL,
        L.INDIVIDUAL,
        E.WELL_DESCRIBED,
        "Werkwijze casusoverleg radicalisering, Veiligheidshuis 2025",
        ["individuele-radicalisering", "extremistische-propaganda"],
        ["advies-bij-een-situatie"],
        ["professionals"],
        False,
        [("Veiligheidshuis Groningen", "Linda Hoekstra")],
        "Advies binnen twee werkdagen; casusoverleg binnen twee weken",
        "Geen kosten voor de melder",
        {
            "summary": "Professionals met een zorg krijgen advies, en waar nodig bespreken "
            "partners de situatie in een casusoverleg en spreken een aanpak af.",
            "goals": "Een gedeelde inschatting en een passende aanpak, met één regisseur.",
            "approach": "Consultatie, zo nodig een multidisciplinair casusoverleg met "
            "zorg, onderwijs, politie en gemeente; terugkoppeling aan de melder.",
        },
    ),
    (
        "Duiden en communiceren na een incident",
        K.REACTIVE,
        C.MUNICIPAL,
        L.MUNICIPALITY,
        E.PRACTICE_EXAMPLE,
        "",
        ["spanningen-tussen-groepen", "online-uitingen", "anti-overheid-en-ondermijning"],
        ["advies-bij-een-situatie", "voorlichting"],
        ["community", "professionals"],
        True,
        [("Gemeente Groningen, team Veiligheid", "Sanne de Vries")],
        "Eerste 48 uur na een incident",
        "Uren van de gemeente",
        {
            "summary": "De gemeente brengt binnen een dag de feiten, de duiding van partners "
            "en handelingsperspectief naar bewoners en professionals.",
            "approach": "Kort overleg met politie en sleutelfiguren, één gezamenlijk bericht, "
            "vragen beantwoorden via vaste contactpersonen.",
        },
    ),
    (
        "Ouderavonden over de online leefwereld",
        K.PREVENTIVE,
        C.YOUTH,
        L.GROUP,
        E.WELL_DESCRIBED,
        "Beschrijving ouderavonden, CJG 2024",
        ["online-uitingen", "extremistische-propaganda"],
        ["voorlichting", "weerbaarheidstraining"],
        ["parents"],
        True,
        [("Centrum voor Jeugd en Gezin Eemsdelta", None)],
        "Eén avond",
        "Zaalhuur en een spreker",
        {
            "summary": "Ouders krijgen inzicht in wat hun kinderen online tegenkomen en "
            "oefenen hoe ze daarover het gesprek voeren.",
            "goals": "Ouders voelen zich toegerust om door te vragen zonder te veroordelen.",
        },
    ),
    (
        "Melden en afhandelen van discriminatie",
        K.REACTIVE,
        C.RESILIENCE,
        L.INDIVIDUAL,
        E.WELL_FOUNDED,
        "Kwaliteitskader antidiscriminatievoorzieningen, 2023",
        ["discriminatie-en-hate-incidenten"],
        ["advies-bij-een-situatie", "conflictbemiddeling"],
        ["community", "young_people"],
        True,
        [("Gemeente Groningen, team Veiligheid", None)],
        "Afhankelijk van de melding",
        "Geen kosten voor de melder",
        {
            "summary": "Wie discriminatie meemaakt of ziet krijgt ondersteuning bij melden, "
            "bemiddeling of aangifte.",
            "approach": "Intake, advies over de mogelijkheden, bemiddeling of begeleiding "
            "naar aangifte, registratie voor trendanalyse.",
        },
    ),
    (
        "Bestuurlijke aanpak van ordeverstoringen en ondermijning",
        K.REPRESSIVE,
        C.MUNICIPAL,
        L.MUNICIPALITY,
        E.WELL_DESCRIBED,
        "Handreiking bestuurlijke maatregelen, 2024",
        ["anti-overheid-en-ondermijning"],
        ["drempels-opwerpen"],
        ["professionals"],
        False,
        [
            ("Gemeente Midden-Groningen, team Openbare Orde", "Marco Dijkstra"),
            ("Politie Noord-Nederland, basisteam Oldambt", None),
        ],
        "Per situatie",
        "Inzet van gemeente en politie",
        {
            "summary": "De burgemeester zet bestuurlijke middelen in (gebiedsverbod, "
            "noodverordening, sluiting) als ordeverstoringen of ondermijning daarom vragen, "
            "in samenhang met preventie.",
            "preconditions": "Juridische toets; communicatie over het waarom; zorg voor de "
            "groep die niet meedoet.",
        },
    ),
    (
        "Verwijderverzoeken bij online oproepen tot geweld",
        K.REPRESSIVE,
        C.RESILIENCE,
        L.INDIVIDUAL,
        E.PRACTICE_EXAMPLE,
        "",
        ["online-uitingen", "extremistische-propaganda"],
        ["drempels-opwerpen"],
        ["professionals"],
        False,
        [("Politie Noord-Nederland, basisteam Groningen-Stad", "Ahmed Bouzid")],
        "Binnen 24 uur",
        "Geen",
        {
            "summary": "Politie en gemeente laten oproepen tot geweld door lokale accounts "
            "snel verwijderen en spreken de afzender aan.",
            "approach": "Vastleggen, beoordelen op strafbaarheid, verzoek aan het platform, "
            "stopgesprek met de afzender.",
        },
    ),
    (
        "Wij in het dorp: kunst als ontmoeting",
        K.PREVENTIVE,
        C.NEIGHBOURHOOD,
        L.NEIGHBOURHOOD,
        E.PRACTICE_EXAMPLE,
        "",
        ["spanningen-tussen-groepen"],
        ["dialoog-en-ontmoeting"],
        ["community", "mixed"],
        True,
        [
            ("Stichting Kunstencentrum Het Hogeland", None),
            ("VluchtelingenWerk Noord-Nederland", "Esther Kuipers"),
        ],
        "Drie maanden",
        "Materiaal en begeleiding door een kunstenaar",
        {
            "summary": "Nieuwkomers en oudere dorpsbewoners maken samen een kunstwerk voor de "
            "openbare ruimte.",
        },
    ),
    (
        "Nazorg en begeleiding bij uitstappen",
        K.REACTIVE,
        C.MUNICIPAL,
        L.INDIVIDUAL,
        E.WELL_FOUNDED,
        "Onderbouwing exitbegeleiding, 2022",
        ["individuele-radicalisering", "extremistische-propaganda"],
        ["mentoring"],
        ["young_people", "mixed"],
        False,
        [("Lentis, FACT Jeugd", None)],
        "Een tot twee jaar",
        "Inzet van zorg en een casusregisseur",
        {
            "summary": "Begeleiding van iemand die afstand wil nemen van een extremistische "
            "groep: wonen, werk, netwerk en identiteit.",
        },
    ),
]

# (title, intervention, municipality code, neighbourhood, start, end, organisations, what was
#  done, results, lessons, contact)
EXAMPLES = [
    (
        "Rolmodellen op het Noorderpoort",
        ROLE_MODEL_MEETINGS,
        "GM0014",
        "Centrum",
        date(2026, 2, 10),
        date(2026, 4, 30),
        ["Noorderpoort College", "WIJ Groningen"],
        "Zes klassen kregen een bijeenkomst met twee rolmodellen over opgroeien tussen "
        "culturen en wij-zij-denken op sociale media.",
        "Ruim 140 leerlingen bereikt; twee leerlingen zochten daarna zelf contact met het "
        "jongerenwerk.",
        "Plan de bijeenkomst niet vlak voor een toetsweek; een vaste docent in de klas helpt.",
        "Peter Smit",
    ),
    (
        "Portiekgesprekken in De Wierden",
        "Portiekgesprekken",
        "GM0037",
        "De Wierden",
        date(2025, 9, 1),
        date(2025, 12, 15),
        ["Huurdersvereniging De Wierden"],
        "Vier portieken met herhaalde klachten over geluid en afval; bewoners stelden samen "
        "huisregels op.",
        "Klachten bij de corporatie halveerden in het kwartaal erna.",
        "Begin met huisbezoeken: de eerste bijeenkomst komt alleen vol als mensen persoonlijk "
        "zijn uitgenodigd.",
        "Ruben Jansen",
    ),
    (
        "Dialoogavond na onrust om een internationaal conflict",
        DIALOGUE,
        "GM1979",
        "Appingedam",
        date(2025, 11, 5),
        date(2025, 11, 20),
        ["Moskee Selimiye", "Protestantse Gemeente Appingedam"],
        "Twee avonden in het kerkgebouw en de moskee, met een neutrale gespreksleider.",
        "Ongeveer 60 bewoners; afspraak om elkaar bij nieuwe incidenten eerst te bellen.",
        "Nodig ook jongeren persoonlijk uit; zij bleven de eerste avond weg.",
        None,
    ),
    (
        "Digitaal weerbaar op het Alfa-college",
        "Digitaal weerbaar",
        "GM0014",
        "Zernike",
        date(2026, 1, 12),
        None,
        ["Alfa-college"],
        "Lessenreeks in alle eerstejaarsklassen van twee opleidingen.",
        "Leerlingen konden na afloop vaker een gemanipuleerd bericht aanwijzen.",
        "Laat leerlingen hun eigen voorbeelden meenemen; dat maakt het gesprek echt.",
        "Peter Smit",
    ),
    (
        "Sleutelfiguren in Midden-Groningen",
        "Sleutelfigurennetwerk",
        "GM1952",
        "Hoogezand",
        date(2025, 3, 1),
        None,
        ["Gemeente Midden-Groningen, team Openbare Orde", "VluchtelingenWerk Noord-Nederland"],
        "Vijftien sleutelfiguren uit verschillende gemeenschappen komen drie keer per jaar "
        "samen met gemeente en politie.",
        "Bij twee incidenten was er binnen een uur contact met de betrokken gemeenschap.",
        "Investeer in de relatie als het rustig is.",
        "Marco Dijkstra",
    ),
    (
        "Buurtschouw in Selwerd",
        "Gezamenlijke buurtschouw",
        "GM0014",
        "Selwerd",
        date(2025, 6, 3),
        date(2025, 6, 30),
        ["Buurtvereniging Selwerd", "Gemeente Groningen, team Veiligheid"],
        "Bewoners, wijkagent en opbouwwerk liepen samen door de wijk en bespraken de "
        "uitkomsten met het analyse-instrument.",
        "Een actieplan met vijf afspraken, waarvan vier binnen een half jaar uitgevoerd.",
        "Houd de groep klein genoeg om echt te praten.",
        "Sanne de Vries",
    ),
    (
        "Bruggenbouwers bij Sportclub Stadskanaal",
        "Sportcoaches als bruggenbouwers",
        "GM0037",
        "",
        date(2025, 8, 15),
        date(2026, 5, 31),
        ["Sportclub Stadskanaal"],
        "Trainers van vier jeugdteams volgden de training en hielden na elke wedstrijd een "
        "kort teamgesprek.",
        "Minder opstootjes op het veld; scheidsrechters merkten het verschil.",
        "Betrek ook de ouders langs de lijn.",
        None,
    ),
    (
        "Ouderavond in Delfzijl",
        "Ouderavonden over de online leefwereld",
        "GM1979",
        "Delfzijl-Noord",
        date(2026, 3, 18),
        date(2026, 3, 18),
        ["Centrum voor Jeugd en Gezin Eemsdelta"],
        "Een avond voor ouders van basisschoolkinderen in groep 7 en 8.",
        "45 ouders; de helft gaf aan thuis het gesprek te zijn aangegaan.",
        "Een tolk voor de Arabische en Tigrinya-sprekende ouders maakte veel verschil.",
        None,
    ),
    (
        "Kunstproject in Warffum",
        "Wij in het dorp: kunst als ontmoeting",
        "GM1966",
        "Warffum",
        date(2025, 4, 1),
        date(2025, 6, 30),
        ["Stichting Kunstencentrum Het Hogeland", "VluchtelingenWerk Noord-Nederland"],
        "Bewoners van de opvang en dorpsbewoners maakten samen een mozaïek bij het dorpshuis.",
        "Het kunstwerk staat er nog; bewoners groeten elkaar op straat.",
        "Kies een plek die van iedereen is.",
        "Esther Kuipers",
    ),
    (
        "Rolmodellen bij het jongerenwerk in Oldambt",
        ROLE_MODEL_MEETINGS,
        "GM1895",
        "Winschoten",
        date(2026, 5, 6),
        date(2026, 6, 24),
        ["Jongerenwerk Oost-Groningen"],
        "Drie avonden in het jongerencentrum met rolmodellen uit de regio.",
        "Jongeren vroegen om een vervolg over online haat.",
        "Een rolmodel uit de eigen gemeente werkt beter dan een van ver.",
        "Karin Mulder",
    ),
]

R = NetworkAgreement.Responsibility
# (title, forms, responsibilities, interventions, public, texts)
GUIDANCE = [
    (
        "Een lokaal account roept online op tot geweld",
        ["online-uitingen", "extremistische-propaganda"],
        [R.FIRST_CONTACT],
        ["Verwijderverzoeken bij online oproepen tot geweld", CASE_ADVICE],
        False,
        {
            "situation": "Op sociale media of in een buurtapp roept een account uit de "
            "gemeente op tot geweld tegen een persoon, groep of gebouw.",
            "first_steps": "1. Is er direct gevaar? Bel 112.\n2. Leg het bericht vast "
            "(schermafbeelding met datum, tijd en link).\n3. Meld het bij de politie en doe "
            "een melding in POLRAD.\n4. Stem met de gemeente af wie contact houdt met de "
            "bedreigde groep.",
            "whom_to_call": "De eerste contactpersoon voor zorgen van uw gemeente en de wijkagent.",
            "what_not_to_do": "Niet zelf online in discussie gaan en het bericht niet verder "
            "delen, ook niet om te waarschuwen.",
        },
    ),
    (
        "Spanningen in de wijk na een internationale gebeurtenis",
        ["spanningen-tussen-groepen"],
        [R.FIRST_CONTACT, R.PREVENTION],
        [DIALOGUE, "Duiden en communiceren na een incident", "Sleutelfigurennetwerk"],
        True,
        {
            "situation": "Een conflict of aanslag elders in de wereld leidt in de wijk tot "
            "boze gesprekken, vlaggen, leuzen of ruzies tussen groepen.",
            "first_steps": "1. Vraag sleutelfiguren hoe het in hun gemeenschap leeft.\n"
            "2. Deel signalen met de gemeente.\n3. Bied ruimte voor gesprek, op school en in "
            "het buurthuis.\n4. Overweeg een dialoogtafel binnen twee weken.",
            "whom_to_call": "De gemeente (openbare orde) en de partner die preventie coördineert.",
            "what_not_to_do": "Geen partij kiezen in het conflict zelf; groepen niet "
            "aanspreken op wat er elders gebeurt.",
        },
    ),
    (
        "Een leerling toont sympathie voor een extremistische groep",
        ["individuele-radicalisering", "extremistische-propaganda"],
        [R.FIRST_CONTACT, R.CASE_CONFERENCE],
        [CASE_ADVICE, MENTORING, "Digitaal weerbaar"],
        False,
        {
            "situation": "Een leerling deelt in de klas of online steun voor een "
            "extremistische groep of verheerlijkt geweld.",
            "first_steps": "1. Blijf in gesprek en vraag door: wat spreekt de leerling aan?\n"
            "2. Bespreek het met de zorgcoördinator.\n3. Vraag advies en meld de zorg in "
            "POLRAD.\n4. Betrek ouders als dat veilig kan.",
            "whom_to_call": "De zorgcoördinator van de school en het casusoverleg van het "
            "Veiligheidshuis.",
            "what_not_to_do": "De leerling niet publiekelijk terechtwijzen of direct "
            "schorsen: dat bevestigt vaak het beeld van uitsluiting.",
        },
    ),
    (
        "Een discriminatie- of haatincident in de buurt",
        ["discriminatie-en-hate-incidenten"],
        [R.FIRST_CONTACT],
        ["Melden en afhandelen van discriminatie", "Buurtbemiddeling", DIALOGUE],
        True,
        {
            "situation": "Bekladding, bedreiging of uitsluiting van bewoners vanwege hun "
            "afkomst, geloof, gender of geaardheid.",
            "first_steps": "1. Zorg dat slachtoffers zich gesteund voelen.\n2. Wijs op "
            "melden en aangifte.\n3. Laat bekladding snel verwijderen.\n4. Meld het in POLRAD "
            "zodat trends zichtbaar worden.",
            "what_not_to_do": "Het incident niet bagatelliseren en slachtoffers niet zelf "
            "laten opdraaien voor het herstel.",
        },
    ),
    (
        "Bewoners keren zich fel tegen een besluit van de gemeente",
        ["anti-overheid-en-ondermijning", "spanningen-tussen-groepen"],
        [R.COORDINATION, R.FIRST_CONTACT],
        [
            "Bestuurlijke aanpak van ordeverstoringen en ondermijning",
            "Gezamenlijke buurtschouw",
            "Wij in het dorp: kunst als ontmoeting",
        ],
        False,
        {
            "situation": "Rond een besluit (bijvoorbeeld een opvanglocatie) ontstaan "
            "protesten, intimidatie van bestuurders of oproepen om de overheid niet meer te "
            "erkennen.",
            "first_steps": "1. Scheid zorgen van bewoners van intimidatie.\n2. Organiseer "
            "een plek voor gesprek met de zorgen.\n3. Spreek met politie af hoe op "
            "intimidatie wordt gereageerd.\n4. Houd sleutelfiguren op de hoogte.",
            "what_not_to_do": "Niet alle tegenstanders over één kam scheren.",
        },
    ),
    (
        "Aanhoudende ruzies tussen buren in een portiek",
        ["spanningen-tussen-groepen"],
        [R.PREVENTION],
        ["Portiekgesprekken", "Buurtbemiddeling"],
        True,
        {
            "situation": "Bewoners van een portiek of flat klagen steeds over elkaar en de "
            "toon wordt grimmiger, soms met opmerkingen over afkomst.",
            "first_steps": "1. Ga langs bij de betrokken bewoners.\n2. Bied buurtbemiddeling "
            "aan.\n3. Overweeg portiekgesprekken als meer bewoners meedoen.",
            "what_not_to_do": "Niet partij kiezen op basis van wie het eerst klaagt.",
        },
    ),
]

# (title, kind, audience, version, date, public, file text or None (then a link), description)
DOCUMENTS = [
    (
        "Handboek rolmodellen",
        KnowledgeDocument.Kind.HANDBOOK,
        KnowledgeDocument.Audience.ROLE_MODELS,
        "3.0",
        date(2026, 1, 15),
        False,
        "Handboek voor rolmodellen van het netwerk.\n\nHoofdstuk 1: je rol als rolmodel.\n"
        "Hoofdstuk 2: een bijeenkomst voorbereiden.\nHoofdstuk 3: lastige vragen en signalen.",
        "Alles wat een rolmodel nodig heeft om een bijeenkomst voor te bereiden en te geven.",
    ),
    (
        "Trainershandleiding rolmodeltraining",
        KnowledgeDocument.Kind.TRAINER_MANUAL,
        KnowledgeDocument.Audience.PROFESSIONALS,
        "2.1",
        date(2025, 9, 1),
        False,
        "Trainershandleiding.\n\nDag 1: kennismaking en het eigen verhaal.\n"
        "Dag 2: gespreksvaardigheden.\nDag 3: oefenen met een groep.",
        "De opbouw van de rolmodeltraining per dagdeel, met werkvormen.",
    ),
    (
        "Handreiking signaleren voor professionals",
        KnowledgeDocument.Kind.GUIDE,
        KnowledgeDocument.Audience.PROFESSIONALS,
        "2026",
        date(2026, 2, 1),
        True,
        "Handreiking signaleren.\n\nWat is een signaal? Hoe duidt u het? Wanneer meldt u?",
        "Signalen herkennen en duiden, en de meldroute van het netwerk.",
    ),
    (
        "Analyse-instrument polarisatie in de wijk",
        KnowledgeDocument.Kind.ANALYSIS_INSTRUMENT,
        KnowledgeDocument.Audience.POLICY_MAKERS,
        "1.2",
        date(2025, 5, 20),
        True,
        "Analyse-instrument.\n\nStap 1: voorbereiding. Stap 2: analyse. Stap 3: "
        "oplossingsrichtingen. Stap 4: interventies en witte vlekken.",
        "Het stappenplan voor een wijkanalyse, met de checklists.",
    ),
    (
        "Visie op de netwerkaanpak 2026–2030",
        KnowledgeDocument.Kind.VISION,
        KnowledgeDocument.Audience.POLICY_MAKERS,
        "",
        date(2025, 12, 10),
        True,
        None,
        "Waarom het netwerk werkt van onderop, met rolmodellen en sleutelfiguren.",
    ),
    (
        "Praktijkvoorbeelden 2025",
        KnowledgeDocument.Kind.PRACTICE_EXAMPLES,
        KnowledgeDocument.Audience.EVERYONE,
        "",
        date(2026, 1, 30),
        True,
        None,
        "Een bundel van de praktijkvoorbeelden uit het afgelopen jaar.",
    ),
    (
        "Protocol melden en terugkoppelen",
        KnowledgeDocument.Kind.PROTOCOL,
        KnowledgeDocument.Audience.PROFESSIONALS,
        "1.0",
        date(2025, 10, 1),
        False,
        "Protocol.\n\nDe vier regels van melden: doel en privacy, wat er met de informatie "
        "gebeurt, laten zien dat melden helpt, periodiek terugkoppelen.",
        "Hoe meldingen worden behandeld en hoe melders terughoren wat er gebeurt.",
    ),
    (
        "Handreiking online uitingen duiden",
        KnowledgeDocument.Kind.GUIDE,
        KnowledgeDocument.Audience.EVERYONE,
        "1.0",
        date(2026, 4, 1),
        False,
        None,
        "Wanneer is een online uiting zorgelijk, en wanneer strafbaar?",
    ),
]


def _ensure_terms() -> None:
    """The forms of polarisation and mechanisms a data migration made: an emptied database
    (`make demo-reset`, a flushed test database) no longer has them."""
    from django.apps import apps

    terms = import_module("network.migrations.0007_intervention_search_and_terms")
    terms.seed_terms(apps, None)


def seed_demo(out) -> None:
    _ensure_terms()
    if Intervention.objects.exists():
        out(f"interventions: {Intervention.objects.count()}")
        return
    documents = _seed_documents()
    interventions = _seed_interventions(documents)
    _seed_examples(interventions)
    _seed_guidance(interventions, documents)
    out(
        f"handelingskader: {len(interventions)} interventions, "
        f"{PracticeExample.objects.count()} practice examples, "
        f"{SituationGuidance.objects.count()} situations, {len(documents)} documents"
    )


def _seed_documents() -> list[KnowledgeDocument]:
    documents = []
    for index, (title, kind, audience, version, day, public, text, description) in enumerate(
        DOCUMENTS
    ):
        document = KnowledgeDocument(
            title=title,
            kind=kind,
            audience=audience,
            version=version,
            date=day,
            is_public=public,
            description=description,
            link="" if text else f"https://example.org/kennisbank/{index + 1}",
        )
        if text:
            document.file.save(f"{title}.txt", ContentFile(text.encode()), save=False)
        document.save()
        documents.append(document)
    return documents


def _seed_interventions(documents) -> dict[str, Intervention]:
    forms = {form.slug: form for form in PolarisationForm.objects.all()}
    mechanisms = {mechanism.slug: mechanism for mechanism in Mechanism.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.all()}
    contacts = {c.full_name: c for c in ContactPerson.objects.all()}
    interventions = {}
    for index, row in enumerate(INTERVENTIONS):
        name, kind, category, level, evidence, source, form_slugs, mechanism_slugs = row[:8]
        target_groups, public, providers, duration, costs, texts = row[8:]
        intervention = Intervention.objects.create(
            name=name,
            kind=kind,
            category=category,
            level=level,
            evidence_level=evidence,
            evidence_source=source,
            target_groups=target_groups,
            is_public=public,
            duration=duration,
            costs=costs,
            **texts,
        )
        intervention.forms.set([forms[s] for s in form_slugs if s in forms])
        intervention.mechanisms.set([mechanisms[s] for s in mechanism_slugs if s in mechanisms])
        intervention.documents.set(documents[index % 3 :: 4])
        for organisation_name, contact_name in providers:
            if organisation_name in organisations:
                InterventionProvider.objects.create(
                    intervention=intervention,
                    organisation=organisations[organisation_name],
                    contact=contacts.get(contact_name),
                )
        interventions[name] = intervention
    return interventions


def _seed_examples(interventions) -> None:
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.all()}
    contacts = {c.full_name: c for c in ContactPerson.objects.all()}
    for row in EXAMPLES:
        title, intervention_name, code, neighbourhood, started, ended, orgs = row[:7]
        what, results, lessons, contact_name = row[7:]
        intervention = interventions[intervention_name]
        example = PracticeExample.objects.create(
            title=title,
            intervention=intervention,
            category=intervention.category,
            municipality=municipalities[code],
            neighbourhood=neighbourhood,
            started_on=started,
            ended_on=ended,
            what_was_done=what,
            results=results,
            lessons=lessons,
            contact=contacts.get(contact_name),
            is_draft=False,
        )
        example.organisations.set([organisations[o] for o in orgs if o in organisations])


def _seed_guidance(interventions, documents) -> None:
    forms = {form.slug: form for form in PolarisationForm.objects.all()}
    for position, (title, form_slugs, responsibilities, names, public, texts) in enumerate(
        GUIDANCE
    ):
        card = SituationGuidance.objects.create(
            title=title,
            responsibilities=[str(r) for r in responsibilities],
            position=position,
            is_public=public,
            **texts,
        )
        card.forms.set([forms[s] for s in form_slugs if s in forms])
        card.interventions.set([interventions[n] for n in names])
        card.documents.set([documents[2], documents[6]])


SCALE_INTERVENTIONS = 1_000
SCALE_WORDS = ["Dialoog", "Training", "Mentoraat", "Bemiddeling", "Voorlichting", "Aanpak"]


def seed_scale(out) -> None:
    """1,000 interventions with forms, mechanisms and one to three providers each."""
    rng = random.Random(2027)
    missing = SCALE_INTERVENTIONS - Intervention.objects.count()
    if missing > 0:
        new = Intervention.objects.bulk_create(
            [
                Intervention(
                    name=f"{rng.choice(SCALE_WORDS)} {i}",
                    summary="Synthetische interventie voor de benchmark over dialoog en "
                    "weerbaarheid in de wijk.",
                    kind=rng.choice(K.values),
                    category=rng.choice(C.values),
                    level=rng.choice(L.values),
                    evidence_level=rng.choice(E.values),
                    target_groups=rng.sample(
                        ["young_people", "parents", "professionals", "community"], 2
                    ),
                    is_public=rng.random() < 0.3,
                )
                for i in range(missing)
            ],
            batch_size=1000,
        )
        form_ids = list(PolarisationForm.objects.values_list("pk", flat=True))
        mechanism_ids = list(Mechanism.objects.values_list("pk", flat=True))
        organisation_ids = list(Organisation.objects.values_list("pk", flat=True)[:5000])
        _scale_links(Intervention.forms.through, "polarisationform_id", new, form_ids, rng)
        _scale_links(Intervention.mechanisms.through, "mechanism_id", new, mechanism_ids, rng)
        InterventionProvider.objects.bulk_create(
            [
                InterventionProvider(intervention=intervention, organisation_id=organisation)
                for intervention in new
                for organisation in rng.sample(organisation_ids, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
    out(f"interventions: {Intervention.objects.count()}")


def _scale_links(through, right, objects, choices, rng) -> None:
    rows = [
        through(intervention_id=obj.pk, **{right: value})
        for obj in objects
        for value in rng.sample(choices, min(len(choices), rng.randint(1, 2)))
    ]
    through.objects.bulk_create(rows, batch_size=10000)
