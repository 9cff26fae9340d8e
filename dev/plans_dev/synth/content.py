"""Vocabulary of the synthetic plans: our own Swedish text, kept as plain data.

Nothing here is copied from the real corpus; the point is to have realistic municipal-plan
language (with plenty of å/ä/ö) that the generator can recombine into thousands of different
documents. Strings may hold ``{placeholders}`` that the sampler fills per document:
``unit``, ``district``, ``district_gen``, ``area``, ``year``, ``prev``, ``next``, ``staff``,
``users``, ``chefs``, ``budget``, ``pct``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    """A stadsdelsområde with the bits the generator needs to make it look real."""

    name: str
    genitive: str
    dnr_prefix: str
    areas: tuple[str, ...]
    streets: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorDef:
    """An indicator name with the kind of values it usually carries.

    ``kind``: pct, dec (decimal without unit), int, kr, max (``Max N <unit_word>``), dir (öka/minska).
    ``kf``: what the KF column usually holds: same (a value of the same kind), namnd ("Tas fram av
    nämnd"), dir (öka/minska), none (a nämnd/enhet indicator without a KF value).
    """

    name: str
    kind: str
    lo: float
    hi: float
    periods: tuple[str, ...] = ("År",)
    kf: str = "none"
    unit_word: str = "personer"
    better: str = "öka"  # the direction written as "öka"/"minska" where no number is set


@dataclass(frozen=True)
class Topic:
    """Everything that belongs to one policy area of the goal tree."""

    namnd: tuple[str, ...]
    enhet: tuple[str, ...]
    beskrivning: tuple[str, ...]
    resultat: tuple[str, ...]
    indicators: tuple[IndicatorDef, ...]
    activities: tuple[str, ...]


@dataclass(frozen=True)
class Domain:
    """A kind of unit (förskola, äldreomsorg, ...): its names and how it describes itself."""

    topic: str
    units: tuple[str, ...]
    uppdrag_first: tuple[str, ...]
    uppdrag: tuple[str, ...]
    utveckling: tuple[str, ...]


DISTRICTS: tuple[District, ...] = (
    District(
        "Skärholmen",
        "Skärholmens",
        "SKÄ",
        ("Bredäng", "Sätra", "Vårberg", "Skärholmen", "Vårby gård"),
        ("Skärholmsplan 3", "Bredängstorget 12", "Sätra torg 7", "Vårbergsvägen 21"),
    ),
    District(
        "Enskede-Årsta-Vantör",
        "Enskede-Årsta-Vantörs",
        "EÅV",
        ("Årsta", "Enskededalen", "Rågsved", "Högdalen", "Bandhagen", "Stureby", "Örby"),
        ("Årstaängsvägen 9", "Rågsvedstorget 4", "Högdalsgången 16", "Bandhagsplan 2"),
    ),
    District(
        "Farsta",
        "Farstas",
        "FA",
        ("Farsta strand", "Hökarängen", "Sköndal", "Gubbängen", "Larsboda", "Fagersjö"),
        ("Farstaplan 14", "Hökarängsplan 6", "Sköndalsvägen 38", "Gubbängstorget 1"),
    ),
    District(
        "Kungsholmen",
        "Kungsholmens",
        "KU",
        ("Stadshagen", "Kristineberg", "Fridhemsplan", "Marieberg", "Lilla Essingen"),
        ("Lindhagensgatan 74", "Fleminggatan 41", "Sankt Eriksgatan 30", "Hantverkargatan 19"),
    ),
    District(
        "Hägersten-Älvsjö",
        "Hägersten-Älvsjös",
        "HÄ",
        ("Västberga", "Axelsberg", "Solberga", "Fruängen", "Liseberg", "Telefonplan", "Västertorp"),
        ("Hägerstensvägen 120", "Älvsjö torg 5", "Fruängsgången 3", "Västbergavägen 26"),
    ),
    District(
        "Skarpnäck",
        "Skarpnäcks",
        "SN",
        ("Björkhagen", "Kärrtorp", "Bagarmossen", "Hammarbyhöjden", "Skarpnäcks gård"),
        ("Skarpnäcks allé 15", "Bagarmossens torg 2", "Kärrtorpsplan 8", "Björkhagsplan 11"),
    ),
    District(
        "Bromma",
        "Brommas",
        "BR",
        ("Abrahamsberg", "Åkeshov", "Ulvsunda", "Beckomberga", "Höglandet", "Riksby"),
        ("Brommaplan 420", "Tranebergsplan 3", "Riksbyvägen 54", "Åkeshovsvägen 27"),
    ),
    District(
        "Spånga-Tensta",
        "Spånga-Tenstas",
        "SPT",
        ("Tensta", "Hjulsta", "Solhem", "Sundby", "Bromsten", "Flysta"),
        ("Tensta allé 12", "Spånga torg 6", "Hjulsta torg 2", "Solhemsbackarna 9"),
    ),
)

FIRST_NAMES: tuple[str, ...] = (
    "Åsa",
    "Jörgen",
    "Märta",
    "Göran",
    "Linnéa",
    "Björn",
    "Sölve",
    "Ingrid",
    "Örjan",
    "Mårten",
    "Agneta",
    "Hampus",
    "Sofie",
    "Tove",
    "Ylva",
    "Rasmus",
    "Nadia",
    "Kerstin",
    "Jonas",
    "Leyla",
)
LAST_NAMES: tuple[str, ...] = (
    "Ångström",
    "Bergqvist",
    "Lindén",
    "Östlund",
    "Sjöberg",
    "Håkansson",
    "Nyström",
    "Åkesson",
    "Fältskog",
    "Öberg",
    "Wiklund",
    "Hallgren",
    "Strömbäck",
    "Björklund",
    "Mäkinen",
    "Sandén",
)

GARDEN_NAMES: tuple[str, ...] = (
    "Lindgården",
    "Björkgården",
    "Rönngården",
    "Ekgården",
    "Almgården",
    "Tallgården",
    "Lönngården",
    "Hasselgården",
    "Syrengården",
    "Äppelgården",
)

# --- domains -----------------------------------------------------------------------------

DOMAINS: dict[str, Domain] = {
    "forskola": Domain(
        topic="forskola",
        units=(
            "{area_gen} förskoleenhet",
            "Förskolorna i {area}",
            "{area_gen} förskolor",
            "Förskoleenhet {area}",
        ),
        uppdrag_first=(
            (
                "{unit} är en kommunal verksamhet som erbjuder förskola för barn i åldern ett till fem år i "
                "{area}."
            ),
            "{unit} består av sju förskolor i {area} och ingår i {district_gen} stadsdelsförvaltning.",
            "{unit} ansvarar för förskoleverksamheten i {area} med omkring {users} inskrivna barn.",
        ),
        uppdrag=(
            (
                "Förskolans uppdrag är att lägga grunden för ett livslångt lärande och att undervisningen "
                "ska vila på läroplanen."
            ),
            "Barnen ska mötas av en trygg omsorg där lek, lärande och utveckling bildar en helhet.",
            "Vi samarbetar nära med vårdnadshavarna och ser dem som en viktig resurs i barnens vardag.",
            "Verksamheten utgår från skollagen, läroplanen för förskolan och stadens förskoleprogram.",
            "Förskolorna har både små och stora barngrupper som delas in efter ålder och behov.",
            (
                "Många barn i {area} har ett annat modersmål än svenska, och språkutveckling är därför ett "
                "prioriterat område."
            ),
        ),
        utveckling=(
            "Stärka undervisningen i språk och kommunikation på alla avdelningar.",
            "Utveckla utemiljön så att den inbjuder till lek, rörelse och utforskande.",
            "Öka andelen legitimerade förskollärare genom riktad rekrytering.",
            "Införa en gemensam struktur för pedagogisk dokumentation.",
            "Förbättra övergången från förskola till förskoleklass.",
        ),
    ),
    "aldre": Domain(
        topic="aldre",
        units=(
            "Hemtjänsten i {area}",
            "Äldreboendet {garden}",
            "Vård- och omsorgsboendet {garden}",
            "Dagverksamheten {garden}",
            "Träffpunkt {area}",
        ),
        uppdrag_first=(
            "{unit} är en kommunal verksamhet som ger stöd och omsorg till äldre i {district}.",
            (
                "{unit} utför biståndsbedömda insatser enligt socialtjänstlagen för äldre som bor i {area} "
                "med omnejd."
            ),
            "{unit} erbjuder omvårdnad, service och gemenskap för äldre personer i {district}.",
        ),
        uppdrag=(
            "Insatserna utförs utifrån beslut från beställarenheten och anpassas efter varje kunds önskemål.",
            (
                "Vår ambition är att de äldre ska kunna leva ett tryggt och självständigt liv så länge som "
                "möjligt."
            ),
            (
                "Omsorgen bedrivs med utgångspunkt i värdegrunden om ett värdigt liv och känsla av "
                "välbefinnande."
            ),
            (
                "Verksamheten är öppen dygnet runt och har tillgång till sjuksköterska, fysioterapeut och "
                "arbetsterapeut."
            ),
            "Kunderna erbjuds hjälp med personlig omvårdnad, måltider, städning, tvätt och inköp.",
            "Vi lägger stor vikt vid ett gott samarbete med anhöriga och närstående.",
        ),
        utveckling=(
            "Öka personalkontinuiteten så att kunderna möter färre medarbetare.",
            "Utveckla arbetet med aktuella och levande genomförandeplaner.",
            "Införa digitala tillsynsmöjligheter för de kunder som önskar det.",
            "Stärka medarbetarnas kunskaper i demensvård och palliativ vård.",
            "Förbättra måltidsmiljön och minska nattfastan.",
        ),
    ),
    "fritid": Domain(
        topic="fritid",
        units=(
            "Fritidsgården {area}",
            "Fritidsgårdarna i {area}",
            "Parklekarna i {area}",
            "Ungdomsverksamheten i {district}",
        ),
        uppdrag_first=(
            (
                "{unit} är en kommunal verksamhet som erbjuder en trygg och meningsfull fritid för unga i "
                "{area}."
            ),
            "{unit} vänder sig till barn och ungdomar mellan tio och arton år i {district}.",
            "{unit} är en öppen mötesplats där unga i {area} kan träffa vänner och prova nya aktiviteter.",
        ),
        uppdrag=(
            "Verksamheten är avgiftsfri och bygger på frivillighet, delaktighet och inflytande.",
            "Fritidsledarna arbetar relationsskapande och finns där ungdomarna är, både inomhus och utomhus.",
            "Vi erbjuder bland annat idrott, musik, matlagning, läxhjälp och utflykter.",
            "Under skolloven har verksamheten utökade öppettider och ett särskilt lovprogram.",
            "Arbetet utgår från stadens program för fritid och kultur för barn och unga.",
        ),
        utveckling=(
            "Nå fler flickor och unga med funktionsnedsättning.",
            "Utveckla ungdomsrådet så att fler besökare får inflytande.",
            "Öka samverkan med skolor och idrottsföreningar i närområdet.",
            "Förbättra lokalerna så att de upplevs som trygga och välkomnande.",
        ),
    ),
    "bistand": Domain(
        topic="bistand",
        units=(
            "Ekonomiskt bistånd",
            "Enheten för ekonomiskt bistånd",
            "Försörjningsstödsenheten i {district}",
            "Mottagningen för ekonomiskt bistånd",
        ),
        uppdrag_first=(
            (
                "{unit} är en kommunal verksamhet som handlägger ansökningar om ekonomiskt bistånd för "
                "invånare i {district}."
            ),
            (
                "{unit} utreder och beslutar om försörjningsstöd enligt socialtjänstlagen för hushåll i "
                "{district}."
            ),
            "{unit} ger stöd till invånare i {district} som tillfälligt inte kan försörja sig själva.",
        ),
        uppdrag=(
            "Målet med arbetet är att den enskilde ska bli självförsörjande genom arbete eller studier.",
            "Handläggarna arbetar med kartläggning, planering och uppföljning i nära samarbete med Jobbtorg.",
            (
                "Enheten ansvarar även för budget- och skuldrådgivning samt för det vräkningsförebyggande "
                "arbetet."
            ),
            (
                "Verksamheten styrs av socialtjänstlagen, förvaltningslagen och stadens riktlinjer för "
                "ekonomiskt bistånd."
            ),
            "Barnperspektivet ska genomsyra handläggningen i alla ärenden där barn finns i hushållet.",
        ),
        utveckling=(
            "Korta väntetiden till första besök.",
            "Utveckla den digitala ansökan och e-tjänsterna.",
            "Stärka kontrollen för att motverka felaktiga utbetalningar.",
            "Öka andelen klienter som har en aktuell planering mot egen försörjning.",
        ),
    ),
    "stod": Domain(
        topic="stod",
        units=(
            "Daglig verksamhet {area}",
            "Gruppbostäderna i {area}",
            "Boendestödet i {district}",
            "Enheten för stöd och service",
            "Servicebostäderna i {area}",
        ),
        uppdrag_first=(
            (
                "{unit} är en kommunal verksamhet som ger boende och stöd i vardagen till vuxna med "
                "funktionsnedsättning i {district}."
            ),
            (
                "{unit} utför insatser enligt LSS och socialtjänstlagen för vuxna med funktionsnedsättning i "
                "{area}."
            ),
            (
                "{unit} erbjuder boende, sysselsättning och stöd i vardagen till personer med intellektuell "
                "funktionsnedsättning."
            ),
        ),
        uppdrag=(
            (
                "Insatserna ska stärka den enskildes möjligheter att leva som andra och att delta i "
                "samhällslivet."
            ),
            "Varje brukare har en kontaktperson bland medarbetarna som ansvarar för genomförandeplanen.",
            "Verksamheten arbetar utifrån ett lågaffektivt förhållningssätt och med tydliggörande pedagogik.",
            (
                "Vi erbjuder ett varierat utbud av aktiviteter, bland annat trädgårdsarbete, bageri och "
                "skapande verkstad."
            ),
            "Samarbetet med gode män, förvaltare och anhöriga är en viktig del av vardagen.",
        ),
        utveckling=(
            "Utveckla arbetet med alternativ och kompletterande kommunikation.",
            "Öka brukarnas delaktighet i planeringen av sina insatser.",
            "Erbjuda fler praktikplatser utanför den egna verksamheten.",
            "Stärka det hälsofrämjande arbetet med fokus på rörelse och kost.",
        ),
    ),
}

# --- topics (policy areas of the goal tree) ----------------------------------------------


_LOWER_IS_BETTER = (
    "sjukfrånvaro",
    "matsvinn",
    "engångsmaterial",
    "timavlönade",
    "handläggningstid",
    "budgetavvikelse",
    "utbetalt",
    "antal barn per",
    "antal medarbetare som en kund",
    "kostnad",
)


def _ind(
    name: str,
    kind: str,
    lo: float,
    hi: float,
    periods: tuple[str, ...] = ("År",),
    kf: str = "none",
    unit_word: str = "personer",
) -> IndicatorDef:
    low = name.lower()
    better = "minska" if any(w in low for w in _LOWER_IS_BETTER) else "öka"
    return IndicatorDef(name, kind, lo, hi, periods, kf, unit_word, better)


TOPICS: dict[str, Topic] = {
    "forskola": Topic(
        namnd=(
            "Förskolan ger alla barn en god grund för fortsatt lärande",
            "Barnen i stadsdelens förskolor utvecklas och lär i en trygg och stimulerande miljö",
            "Förskolans undervisning håller hög och likvärdig kvalitet i hela stadsdelsområdet",
            "Fler barn i stadsdelsområdet går i förskolan och utvecklar ett rikt språk",
        ),
        enhet=(
            "{unit} erbjuder en trygg och lärande miljö där varje barn blir sett",
            "Barnen på {unit} utvecklar sitt språk och sin nyfikenhet genom lek",
            "Enheten har en likvärdig undervisning på alla avdelningar",
            "Vårdnadshavarna är delaktiga och har förtroende för förskolans arbete",
        ),
        beskrivning=(
            (
                "Målet nås genom att förskolorna erbjuder en undervisning som vilar på vetenskaplig grund "
                "och beprövad erfarenhet."
            ),
            "Språkutvecklande arbetssätt genomsyrar hela dagen, från lämning till hämtning.",
            (
                "Särskilt fokus läggs på barn som behöver extra stöd i sin utveckling, och specialpedagoger "
                "finns tillgängliga för alla enheter."
            ),
            (
                "Det uppsökande arbetet riktat till familjer vars barn inte går i förskolan fortsätter i "
                "samarbete med öppna förskolan och barnavårdscentralen."
            ),
            (
                "Förskolans miljöer ska vara tillgängliga, inspirerande och anpassade efter barnens "
                "intressen och behov."
            ),
            (
                "Samarbetet med vårdnadshavare stärks genom utvecklingssamtal, föräldramöten och en löpande "
                "dialog i vardagen."
            ),
            (
                "Barnens inflytande tas till vara genom att pedagogerna dokumenterar och reflekterar kring "
                "barnens frågor och idéer."
            ),
        ),
        resultat=(
            "Fler barn i åldern ett till fem år är inskrivna i förskolan.",
            "Barnen visar en god språklig utveckling vid övergången till förskoleklass.",
            "Vårdnadshavarna är nöjda med förskolans arbete med barnens lärande.",
            "Alla avdelningar arbetar utifrån en gemensam plan för undervisningen.",
            "Andelen legitimerade förskollärare ökar.",
            "Barnen upplever att förskolan är en trygg och rolig plats att vara på.",
        ),
        indicators=(
            _ind(
                "Andel vårdnadshavare som är nöjda med förskolan som helhet", "pct", 82, 95, ("År",), "same"
            ),
            _ind(
                "Andel legitimerade förskollärare av den pedagogiska personalen",
                "pct",
                30,
                55,
                ("År", "Halvår"),
            ),
            _ind(
                "Andel inskrivna barn i åldern 1–5 år i stadsdelsområdet",
                "pct",
                80,
                96,
                ("Halvår", "År"),
                "dir",
            ),
            _ind(
                "Antal barn per barngrupp för barn i åldern 1–3 år",
                "max",
                12,
                15,
                ("Halvår",),
                unit_word="barn",
            ),
            _ind("Andel barn med en upprättad plan för språkutveckling", "pct", 70, 100, ("Tertial", "År")),
        ),
        activities=(
            "Förskolorna ska införa ett gemensamt material för att följa barnens språkutveckling",
            "Stadsdelsnämnden ska genomföra hembesök hos familjer med barn som inte är inskrivna i förskolan",
            (
                "Alla förskollärare ska delta i kompetensutveckling om undervisning i matematik och "
                "naturvetenskap"
            ),
            "Utemiljön på minst två förskolor ska förbättras i samråd med barnen",
            "Förskolorna ska genomföra en gemensam kartläggning av barnens läsmiljö inomhus",
        ),
    ),
    "aldre": Topic(
        namnd=(
            "Äldre i stadsdelsområdet får en omsorg som utgår från deras egna önskemål",
            "Äldreomsorgen håller hög kvalitet och präglas av kontinuitet och trygghet",
            "Äldre invånare har tillgång till sociala sammanhang och en aktiv vardag",
            "Stadsdelsnämnden förebygger ensamhet och ofrivillig isolering bland äldre",
        ),
        enhet=(
            "{unit} ger en personcentrerad omsorg där kunden har inflytande över sin vardag",
            "Kunderna möter ett litet antal medarbetare och känner sig trygga med insatserna",
            "De boende har en meningsfull dag med aktiviteter utifrån egna intressen",
            "Måltiderna är en trivsam stund som bidrar till god hälsa",
        ),
        beskrivning=(
            "Målet nås genom att omsorgen planeras tillsammans med den äldre och dennes närstående.",
            (
                "Genomförandeplanerna ska vara aktuella och beskriva hur den enskilde vill ha sina insatser "
                "utförda."
            ),
            (
                "Kontinuiteten i hemtjänsten ska öka genom att scheman läggs så att kunden möter så få "
                "medarbetare som möjligt."
            ),
            (
                "Det förebyggande arbetet mot fall, undernäring och trycksår bedrivs i nära samarbete med "
                "sjuksköterskor och rehabpersonal."
            ),
            (
                "Träffpunkter och seniorverksamheter erbjuder gemenskap, motion och kultur för äldre som bor "
                "hemma."
            ),
            "Medarbetarnas kunskaper i svenska språket och i demensvård ska stärkas under året.",
        ),
        resultat=(
            "Fler kunder upplever att de kan påverka när och hur hjälpen ges.",
            "Antalet olika medarbetare som besöker en kund under fjorton dagar minskar.",
            "Andelen äldre som känner sig ensamma minskar.",
            "Samtliga kunder har en aktuell genomförandeplan.",
            "Fallolyckorna på boendet minskar.",
            "Fler äldre deltar i aktiviteter på träffpunkterna.",
        ),
        indicators=(
            _ind("Andel kunder som är nöjda med hemtjänsten som helhet", "pct", 80, 95, ("År",), "same"),
            _ind(
                "Personalkontinuitet, antal medarbetare som en kund möter under 14 dagar",
                "max",
                8,
                15,
                ("Månad", "Tertial"),
                "same",
            ),
            _ind("Andel boende som upplever att maten smakar bra", "pct", 70, 90),
            _ind("Andel kunder med en aktuell genomförandeplan", "pct", 90, 100, ("Tertial", "Kvartal")),
            _ind(
                "Andel äldre som upplever att de kan påverka hur hjälpen utförs",
                "pct",
                75,
                92,
                ("År",),
                "namnd",
            ),
        ),
        activities=(
            "Enheterna ska införa digital nyckelhantering i hela hemtjänsten",
            "Stadsdelsnämnden ska erbjuda samtliga medarbetare inom äldreomsorgen utbildning i demensvård",
            "Måltidsombud ska utses på varje avdelning och träffas regelbundet i ett gemensamt nätverk",
            "Träffpunkterna ska utöka sina öppettider under sommarmånaderna",
            "Samtliga genomförandeplaner ska följas upp tillsammans med kunden minst två gånger per år",
        ),
    ),
    "fritid": Topic(
        namnd=(
            "Barn och unga i stadsdelsområdet har en aktiv och trygg fritid",
            "Fritidsverksamheterna når fler flickor och fler unga med funktionsnedsättning",
            "Unga i stadsdelsområdet har inflytande över de verksamheter som riktar sig till dem",
            "Stadsdelsnämnden erbjuder lovaktiviteter som är tillgängliga för alla barn",
        ),
        enhet=(
            "{unit} är en trygg mötesplats där unga kan utvecklas och påverka",
            "Besökarna på {unit} är med och planerar verksamheten",
            "Fler flickor besöker verksamheten regelbundet",
            "Verksamheten erbjuder kostnadsfria aktiviteter under alla skollov",
        ),
        beskrivning=(
            (
                "Målet nås genom att fritidsgårdar, parklekar och öppna mötesplatser erbjuder ett brett och "
                "kostnadsfritt utbud."
            ),
            (
                "Verksamheterna ska vara uppsökande och arbeta med relationsskapande insatser i skolor och i "
                "utemiljön."
            ),
            "Aktiviteterna planeras tillsammans med ungdomarna utifrån deras önskemål och intressen.",
            "Samverkan med föreningslivet, skolorna och polisen stärker det förebyggande arbetet.",
            "Under lov och helger utökas öppettiderna för att fler unga ska få en meningsfull fritid.",
            (
                "Särskilda insatser görs för att nå flickor och unga som sällan deltar i organiserade "
                "fritidsaktiviteter."
            ),
        ),
        resultat=(
            "Fler unga besöker stadsdelens fritidsverksamheter.",
            "Andelen flickor bland besökarna ökar.",
            "Unga upplever att de har inflytande över verksamhetens innehåll.",
            "Lovaktiviteterna når barn från alla delar av stadsdelsområdet.",
            "Samverkan med föreningar leder till fler aktiviteter på kvällstid.",
        ),
        indicators=(
            _ind(
                "Andel flickor av besökarna på fritidsgårdarna", "pct", 30, 50, ("Kvartal", "Tertial"), "same"
            ),
            _ind("Antal unika besökare per vecka", "int", 60, 250, ("Kvartal", "Månad")),
            _ind("Andel besökare som upplever att de kan påverka verksamheten", "pct", 70, 90),
            _ind("Antal genomförda lovaktiviteter", "int", 20, 80, ("Halvår", "År")),
        ),
        activities=(
            "Fritidsgårdarna ska genomföra en enkät om besökarnas önskemål inför varje termin",
            "Stadsdelsnämnden ska erbjuda sommarjobb till ungdomar i åldern 16–18 år",
            "Fritidsledare ska arbeta uppsökande i skolorna minst två dagar i veckan",
            "En tjejkväll i veckan ska införas på samtliga fritidsgårdar",
        ),
    ),
    "bistand": Topic(
        namnd=(
            "Fler invånare i stadsdelsområdet går från ekonomiskt bistånd till egen försörjning",
            "Ekonomiskt bistånd handläggs rättssäkert, effektivt och med ett gott bemötande",
            "Barnfamiljer med långvarigt bistånd får stöd att stärka sin ekonomiska situation",
            "Unga vuxna får snabba insatser för att komma i arbete eller studier",
        ),
        enhet=(
            "{unit} ger ett rättssäkert och snabbt beslut till alla sökande",
            "Fler klienter med långvarigt bistånd påbörjar en arbetsinriktad insats",
            "Handläggningen är likvärdig och väl dokumenterad",
            "Klienterna upplever att de blir väl bemötta och får tydlig information",
        ),
        beskrivning=(
            (
                "Målet nås genom att handläggarna tidigt kartlägger den sökandes förutsättningar och hinder "
                "för arbete."
            ),
            (
                "Samverkan med Jobbtorg och Arbetsförmedlingen är en central del av arbetet mot egen "
                "försörjning."
            ),
            "Barnets bästa ska beaktas och dokumenteras i alla ärenden där barn berörs.",
            (
                "Budget- och skuldrådgivning erbjuds för att förebygga att hushåll hamnar i en ohållbar "
                "ekonomisk situation."
            ),
            (
                "Kontrollen av att uppgifterna i ansökan är korrekta ska stärkas för att motverka felaktiga "
                "utbetalningar."
            ),
            "Nyanlända erbjuds samhällsvägledning för att snabbare komma in i arbetslivet.",
        ),
        resultat=(
            "Andelen hushåll med långvarigt bistånd minskar.",
            "Fler unga vuxna är självförsörjande efter avslutad insats.",
            "Handläggningstiden för nybesök kortas.",
            "Samtliga ärenden med barn innehåller en barnkonsekvensanalys.",
            "Klienterna är nöjda med bemötandet.",
        ),
        indicators=(
            _ind(
                "Andel hushåll som lämnar ekonomiskt bistånd för egen försörjning",
                "pct",
                20,
                45,
                ("Tertial",),
                "namnd",
            ),
            _ind(
                "Genomsnittlig handläggningstid för nybesök, antal dagar", "int", 7, 20, ("Tertial", "Månad")
            ),
            _ind("Andel ärenden med barn där barnets situation är utredd", "pct", 85, 100),
            _ind(
                "Genomsnittligt utbetalt bistånd per hushåll och månad", "kr", 8000, 13000, ("Månad",), "dir"
            ),
        ),
        activities=(
            "Enheten ska införa en gemensam mall för kartläggning av arbetsförmåga",
            (
                "Stadsdelsnämnden ska genomföra kontroller av ansökningar om ekonomiskt bistånd enligt "
                "fastställd plan"
            ),
            "Alla handläggare ska genomgå utbildning i motiverande samtal",
            "Samverkansmöten med Jobbtorg ska hållas varannan vecka",
        ),
    ),
    "stod": Topic(
        namnd=(
            (
                "Personer med funktionsnedsättning lever ett självständigt liv med stöd som utgår från deras "
                "behov"
            ),
            "Insatserna till personer med funktionsnedsättning håller en jämn och god kvalitet",
            "Fler personer med funktionsnedsättning har en meningsfull sysselsättning",
            "Boenden för personer med funktionsnedsättning präglas av delaktighet och trygghet",
        ),
        enhet=(
            "Brukarna på {unit} är delaktiga i planeringen av sina insatser",
            "Deltagarna erbjuds arbetsuppgifter som utvecklar deras förmågor",
            "{unit} arbetar lågaffektivt och med ett respektfullt bemötande",
            "Fler deltagare går vidare till praktik eller arbete",
        ),
        beskrivning=(
            (
                "Målet nås genom att insatserna utformas utifrån den enskildes egna önskemål och "
                "förutsättningar."
            ),
            (
                "Alternativ och kompletterande kommunikation används för att alla ska kunna uttrycka sina "
                "önskemål."
            ),
            (
                "Genomförandeplanerna följs upp minst två gånger per år tillsammans med brukaren och dennes "
                "företrädare."
            ),
            (
                "Verksamheterna samarbetar med arbetsmarknadsenheten för att fler ska kunna prova praktik på "
                "en ordinarie arbetsplats."
            ),
            "Hälsofrämjande aktiviteter som promenader, dans och gymnastik erbjuds varje vecka.",
            "Medarbetarna får regelbunden handledning av psykolog och arbetsterapeut.",
        ),
        resultat=(
            "Brukarna upplever att de får bestämma över saker som är viktiga för dem.",
            "Fler deltagare är fysiskt aktiva varje vecka.",
            "Samtliga brukare har en aktuell genomförandeplan.",
            "Antalet avvikelser som rör bemötande minskar.",
            "Fler deltagare har en praktikplats utanför verksamheten.",
        ),
        indicators=(
            _ind("Andel brukare som upplever att personalen bryr sig om dem", "pct", 85, 98, ("År",), "same"),
            _ind("Andel brukare med en aktuell genomförandeplan", "pct", 90, 100, ("Tertial",)),
            _ind("Antal deltagare med praktik utanför daglig verksamhet", "int", 2, 15, ("Halvår", "År")),
            _ind("Andel brukare som känner sig trygga med personalen", "pct", 85, 98, ("År",), "namnd"),
        ),
        activities=(
            "Verksamheterna ska införa bildstöd i all skriftlig information till brukarna",
            "Alla medarbetare i verksamheten ska utbildas i lågaffektivt bemötande",
            "Enheten ska ta fram en plan för hälsofrämjande aktiviteter tillsammans med brukarna",
            "Stadsdelsnämnden ska kartlägga behovet av nya bostäder med särskild service",
        ),
    ),
    "kultur": Topic(
        namnd=(
            "Invånarna i stadsdelsområdet kan ta del av ett brett och tillgängligt kulturutbud",
            "Barn och unga får uppleva och skapa kultur i stadsdelsnämndens verksamheter",
            "Stadsdelsnämnden stärker civilsamhällets möjligheter att verka lokalt",
        ),
        enhet=(
            "{unit} ger barn och äldre tillgång till kultur i vardagen",
            "Enheten samarbetar med bibliotek och kulturskola för att nå fler",
            "Brukarna erbjuds regelbundet kulturupplevelser utifrån egna önskemål",
        ),
        beskrivning=(
            (
                "Målet nås genom att kultur blir en del av verksamheternas vardag och att särskilda medel "
                "avsätts för kulturaktiviteter."
            ),
            "Samarbetet med bibliotek, kulturskola och lokala föreningar ska stärkas.",
            "Kulturombud finns på varje enhet och inspirerar kollegor att använda kultur som verktyg.",
            "Lokaler som står tomma på kvällar och helger ska i högre grad kunna lånas ut till föreningar.",
            (
                "Stadsdelens torg och parker används för konserter, teater och utställningar under "
                "sommarhalvåret."
            ),
        ),
        resultat=(
            "Fler barn och unga deltar i skapande aktiviteter.",
            "Fler föreningar använder stadsdelsnämndens lokaler.",
            "Kulturutbudet når invånare i alla åldrar.",
            "Äldre får regelbundet ta del av musik, film och litteratur.",
        ),
        indicators=(
            _ind(
                "Antal kulturaktiviteter som genomförts i samverkan med föreningar",
                "int",
                5,
                40,
                ("Halvår", "År"),
            ),
            _ind("Andel enheter med ett utsett kulturombud", "pct", 80, 100),
            _ind("Antal föreningar som lånar stadsdelsnämndens lokaler", "int", 5, 30, ("Halvår",), "namnd"),
        ),
        activities=(
            "Stadsdelsnämnden ska arrangera en kulturfestival i stadsdelsområdet under sensommaren",
            "Alla förskolor ska besöka biblioteket minst en gång per termin",
            "Ett nätverk för kulturombud ska träffas fyra gånger under året",
        ),
    ),
    "trygghet": Topic(
        namnd=(
            "Stadsdelsnämnden har en god förmåga att hantera kriser och störningar",
            "Invånarna upplever en ökad trygghet i sin närmiljö",
            "Stadsdelsnämnden motverkar välfärdsbrottslighet och otillåten påverkan",
            "Barn och unga skyddas från att dras in i kriminalitet",
        ),
        enhet=(
            "{unit} har en uppdaterad kontinuitetsplan och övade rutiner",
            "Enheten är förberedd för att bedriva verksamhet vid störningar",
            "Medarbetarna vet hur de ska agera vid hot och våld",
            "Enheten bidrar till en tryggare utemiljö i {area}",
        ),
        beskrivning=(
            (
                "Målet nås genom att risk- och sårbarhetsanalysen uppdateras och att kontinuitetsplaner tas "
                "fram för samhällsviktig verksamhet."
            ),
            "Krisledningsorganisationen övas minst en gång per år.",
            (
                "Platssamverkan med polis, fastighetsägare och föreningar bidrar till tryggare offentliga "
                "miljöer."
            ),
            "Trygghetsvandringar genomförs tillsammans med invånare för att hitta otrygga platser.",
            (
                "Medarbetarna ska ha kunskap om hur de upptäcker och rapporterar misstänkt felaktig "
                "användning av välfärdens resurser."
            ),
            "Informationssäkerheten stärks genom att verksamheternas system och information klassas.",
        ),
        resultat=(
            "Samtliga enheter har en kontinuitetsplan som är känd av medarbetarna.",
            "Fler invånare upplever att det är tryggt att vistas ute på kvällstid.",
            "Fler otrygga platser har åtgärdats.",
            "Medarbetarna vet hur de ska agera vid misstanke om välfärdsbrott.",
            "Krisorganisationen kan aktiveras inom en timme.",
        ),
        indicators=(
            _ind("Andel enheter med en uppdaterad kontinuitetsplan", "pct", 90, 100, ("År", "Halvår")),
            _ind("Andel medarbetare som genomfört utbildning i informationssäkerhet", "pct", 75, 100),
            _ind("Andel invånare som känner sig trygga i sitt bostadsområde", "pct", 60, 85, ("År",), "dir"),
        ),
        activities=(
            "Stadsdelsnämnden ska genomföra en krisledningsövning under hösten",
            "Samtliga enheter ska uppdatera sina kontinuitetsplaner",
            "Trygghetsvandringar ska genomföras i minst tre bostadsområden",
            "Enheterna ska inventera sina reservrutiner vid elavbrott och it-störningar",
        ),
    ),
    "demokrati": Topic(
        namnd=(
            "Invånarna har goda möjligheter till inflytande över stadsdelsnämndens verksamheter",
            "Stadsdelsnämndens verksamheter är jämställda, tillgängliga och fria från diskriminering",
            "Stadsdelsnämnden ger invånarna en likvärdig service och ett gott bemötande",
        ),
        enhet=(
            "{unit} arbetar aktivt för jämställdhet och likabehandling",
            "Brukarna har inflytande över hur verksamheten utvecklas",
            "Enhetens service är tillgänglig för alla oavsett språk och funktionsförmåga",
        ),
        beskrivning=(
            (
                "Målet nås genom att verksamheterna för dialoger med invånare och brukare om hur service och "
                "insatser kan förbättras."
            ),
            (
                "Jämställdhetsanalyser görs så att resurserna fördelas rättvist mellan kvinnor och män "
                "samt mellan flickor och pojkar."
            ),
            (
                "Information om stadsdelsnämndens verksamheter ska finnas på lätt svenska och på de "
                "vanligaste språken i stadsdelsområdet."
            ),
            "Medborgarkontoret ger stöd och vägledning i frågor som rör myndigheter och samhällsservice.",
            "Barnrättsperspektivet ska beaktas i alla beslut som rör barn.",
        ),
        resultat=(
            "Fler invånare deltar i dialoger om stadsdelens utveckling.",
            "Samtliga enheter har genomfört en jämställdhetsanalys.",
            "Brukarna upplever att de blir bemötta med respekt.",
            "Informationen om verksamheterna är lätt att förstå.",
        ),
        indicators=(
            _ind(
                "Andel brukare som upplever att de blir bemötta med respekt", "pct", 85, 98, ("År",), "same"
            ),
            _ind("Antal genomförda medborgardialoger", "int", 3, 12, ("Halvår",)),
            _ind("Andel enheter som genomfört en jämställdhetsanalys", "pct", 60, 100),
        ),
        activities=(
            "Stadsdelsnämnden ska genomföra medborgardialoger inför större förändringar i närmiljön",
            "Samtliga chefer ska gå utbildning i jämställdhetsintegrering",
            "Informationsmaterial om verksamheterna ska översättas till lätt svenska",
        ),
    ),
    "miljo": Topic(
        namnd=(
            "Stadsdelsnämndens verksamheter minskar sin klimatpåverkan",
            "Parker och grönområden i stadsdelsområdet har ett rikt växt- och djurliv",
            "Verksamheterna använder resurser effektivt och minskar mängden avfall",
            "Maten i stadsdelsnämndens verksamheter är klimatsmart och näringsrik",
        ),
        enhet=(
            "{unit} sorterar sitt avfall och minskar användningen av engångsartiklar",
            "Enheten väljer återbruk före nyinköp",
            "Enheten serverar mer vegetarisk mat och minskar matsvinnet",
            "Medarbetarna reser fossilfritt i tjänsten",
        ),
        beskrivning=(
            "Målet nås genom att verksamheterna följer stadsdelsnämndens lokala miljöprogram.",
            "Inköp av möbler och material ska i första hand göras via stadens återbruksportal.",
            "Matsvinnet mäts regelbundet och åtgärder vidtas där svinnet är stort.",
            "Andelen vegetariska måltider ska öka i förskolor och på äldreboenden.",
            "Tjänsteresor ska i första hand göras med kollektivtrafik, cykel eller elbil.",
            "Skötseln av parker och naturmark anpassas för att gynna pollinerande insekter.",
        ),
        resultat=(
            "Mängden matsvinn minskar i samtliga tillagningskök.",
            "Andelen återbrukade möbler ökar.",
            "Engångsartiklar i plast fasas ut.",
            "Fler ängsytor och fjärilsrabatter anläggs.",
            "Verksamheternas energianvändning minskar.",
        ),
        indicators=(
            _ind(
                "Ekologiska livsmedel som andel av de totala livsmedelsinköpen",
                "pct",
                40,
                75,
                ("År",),
                "same",
            ),
            _ind("Matsvinn per serverad portion i gram", "int", 15, 40, ("Halvår",)),
            _ind("Andel fossilfria tjänsteresor", "pct", 80, 100, ("År",), "same"),
            _ind("Inköpt mängd engångsmaterial i plast", "dir", 0, 0, ("År",)),
        ),
        activities=(
            "Samtliga tillagningskök ska mäta matsvinn under två veckor per termin",
            "Enheterna ska inventera möbler och material innan nyinköp görs",
            "Stadsdelsnämnden ska anlägga nya ängsytor i minst två parker",
            "En plan för utfasning av engångsartiklar ska tas fram",
        ),
    ),
    "medarbetare": Topic(
        namnd=(
            "Stadsdelsnämnden har friska, engagerade och kompetenta medarbetare",
            "Medarbetarna har en god arbetsmiljö och möjlighet att utvecklas i sitt arbete",
            "Stadsdelsnämnden har en långsiktigt hållbar kompetensförsörjning",
        ),
        enhet=(
            "{unit} har en god arbetsmiljö med låg sjukfrånvaro",
            "Medarbetarna känner sig delaktiga och har inflytande över sitt arbete",
            "Enheten minskar andelen timavlönade medarbetare",
            "Verksamheten har en hållbar bemanning och en trygg introduktion för nyanställda",
        ),
        beskrivning=(
            "Målet nås genom ett systematiskt arbetsmiljöarbete där chefer och skyddsombud samverkar.",
            "Heltid ska vara norm och andelen tillsvidareanställda ska öka.",
            (
                "Tidiga insatser vid korttidsfrånvaro och en aktiv rehabilitering bidrar till att "
                "sjukfrånvaron minskar."
            ),
            "Alla nyanställda ska få en strukturerad introduktion med en utsedd mentor.",
            "Kompetensutvecklingsplaner tas fram för varje medarbetare i samband med medarbetarsamtalet.",
            "Chefernas förutsättningar att utöva ett närvarande ledarskap ska förbättras.",
        ),
        resultat=(
            "Sjukfrånvaron minskar.",
            "Fler medarbetare är anställda på heltid.",
            "Resultatet i medarbetarenkäten förbättras.",
            "Samtliga medarbetare har en individuell kompetensutvecklingsplan.",
            "Nyanställda upplever att introduktionen har gett dem en bra start.",
        ),
        indicators=(
            _ind("Sjukfrånvaro", "pct", 4, 9, ("Tertial",), "namnd"),
            _ind("Korttidssjukfrånvaro dag 1–14", "pct", 1.5, 3.5, ("Tertial",), "namnd"),
            _ind("Medarbetarindex i stadens medarbetarenkät", "int", 75, 88, ("År",), "same"),
            _ind("Andel medarbetare med heltidsanställning", "pct", 80, 98, ("Halvår", "År")),
            _ind("Andel timavlönade av total arbetad tid", "pct", 5, 20, ("Tertial",), "dir"),
            _ind("Medelvärde för frågan om återkoppling från närmaste chef", "dec", 3.6, 4.6),
        ),
        activities=(
            "Alla chefer ska genomföra en arbetsmiljöutbildning tillsammans med sitt skyddsombud",
            "Stadsdelsnämnden ska ta fram en plan för att minska andelen timavlönade",
            "En gemensam introduktionsdag för nyanställda ska genomföras varje kvartal",
            "Samtliga arbetsplatser ska genomföra en organisatorisk och social riskbedömning",
        ),
    ),
    "ekonomi": Topic(
        namnd=(
            "Stadsdelsnämnden har en ekonomi i balans",
            "Stadsdelsnämndens resurser används effektivt och ger största möjliga nytta för invånarna",
            "Inköp och upphandlingar genomförs med god kostnadskontroll och tydliga hållbarhetskrav",
        ),
        enhet=(
            "{unit} bedriver verksamheten inom tilldelad budget",
            "Enheten har en god prognossäkerhet",
            "Enheten gör alla inköp via stadens e-handelssystem",
        ),
        beskrivning=(
            "Målet nås genom en tät uppföljning av ekonomin där chef och controller träffas varje månad.",
            "Prognoserna ska vara väl underbyggda och avvikelser ska analyseras och åtgärdas i tid.",
            "Lokaler som inte används fullt ut ska sägas upp eller samnyttjas.",
            "Avtalstroheten ska öka genom att alla inköp görs hos upphandlade leverantörer.",
            "Bemanningen anpassas löpande efter antalet barn, brukare och kunder.",
        ),
        resultat=(
            "Stadsdelsnämnden redovisar ett resultat i balans vid årets slut.",
            "Prognosavvikelserna minskar.",
            "Andelen inköp via e-handel ökar.",
            "Lokalkostnaden per plats minskar.",
        ),
        indicators=(
            _ind("Andel inköp som görs via e-handel", "pct", 70, 95, ("Tertial", "År"), "same"),
            _ind("Prognossäkerhet vid tertialrapport 2", "pct", 95, 100, ("Tertial",)),
            _ind("Kostnad per plats och år", "kr", 90000, 180000, ("År",)),
            _ind("Budgetavvikelse vid årets slut", "pct", 0, 1, ("År",), "namnd"),
        ),
        activities=(
            "Controller och enhetschefer ska hålla månatliga uppföljningsmöten",
            "Stadsdelsnämnden ska genomföra en översyn av lokalbehovet inom samtliga verksamhetsområden",
            "Alla beställare ska genomgå utbildning i stadens e-handelssystem",
        ),
    ),
}

# --- KF goals: number -> title variants; code -> (topic, title variants) -------------------

KF_INRIKTNINGSMAL: dict[str, tuple[str, ...]] = {
    "1": (
        "Ett Stockholm där alla kan växa och leva tryggt",
        "Ett sammanhållet Stockholm med en välfärd som når alla",
        "Ett tryggt och jämlikt Stockholm där ingen lämnas efter",
        "Ett Stockholm med omsorg, trygghet och lika livschanser i alla stadsdelar",
    ),
    "2": (
        "Ett klimatsmart Stockholm med rik natur och ren luft",
        "Ett grönt Stockholm som minskar sin klimatpåverkan år för år",
        "Ett hållbart Stockholm där staden går före i omställningen",
    ),
    "3": (
        "Ett Stockholm med sunda finanser, arbete och bostäder för fler",
        "Ett ekonomiskt hållbart Stockholm med goda förutsättningar för jobb och företagande",
        "Ett växande Stockholm där ekonomin är i balans och fler har ett arbete",
    ),
}

KF_VERKSAMHETSMAL: dict[str, tuple[str, tuple[str, ...]]] = {
    "1.1": (
        "forskola",
        (
            "Stockholm ska erbjuda en likvärdig förskola",
            "Varje barn i Stockholm ska få en trygg och lärorik förskoletid",
        ),
    ),
    "1.2": (
        "fritid",
        (
            "Barn och unga i Stockholm ska ha en meningsfull fritid nära hemmet",
            "Unga stockholmare ska ha tillgång till trygga mötesplatser och en aktiv fritid",
        ),
    ),
    "1.3": (
        "stod",
        (
            "Stockholm ska ge ett individanpassat stöd till den som behöver det mest",
            "Personer med funktionsnedsättning ska kunna leva ett självständigt liv med rätt stöd",
        ),
    ),
    "1.4": (
        "aldre",
        (
            "Äldre i Stockholm ska ha en trygg, värdig och meningsfull vardag",
            "Stockholm ska erbjuda en äldreomsorg med hög kvalitet och god kontinuitet",
        ),
    ),
    "1.5": (
        "bistand",
        (
            "Fler stockholmare ska bli självförsörjande genom arbete eller studier",
            "Stockholm ska ge ett rättssäkert och verkningsfullt stöd till hushåll med låga inkomster",
        ),
    ),
    "1.6": (
        "kultur",
        (
            "Kultur och idrott ska vara tillgängligt för alla i hela Stockholm",
            "Stadens kultur- och fritidsutbud ska nå invånare i alla åldrar och alla stadsdelar",
        ),
    ),
    "1.7": (
        "trygghet",
        (
            "Stockholm ska vara en trygg stad där brottsligheten minskar",
            "Otryggheten i Stockholms stadsdelar ska minska genom tidiga och samordnade insatser",
        ),
    ),
    "2.1": (
        "miljo",
        (
            "Stockholms utsläpp av växthusgaser ska minska kraftigt",
            "Stadens verksamheter ska ställa om till fossilfria transporter och cirkulära inköp",
        ),
    ),
    "2.2": (
        "miljo",
        (
            "Stockholms parker och grönområden ska vara rika på växter och djur",
            "Naturen i Stockholm ska vårdas så att ekosystemen stärks",
        ),
    ),
    "2.3": (
        "miljo",
        (
            "Stockholm ska ha en giftfri och resurssnål vardag",
            "Avfallet från stadens verksamheter ska minska och mer ska återbrukas",
        ),
    ),
    "3.1": (
        "ekonomi",
        (
            "Stadens verksamheter ska bedrivas kostnadseffektivt och inom given budget",
            "Stadens ekonomi ska vara i balans så att välfärden kan utvecklas långsiktigt",
        ),
    ),
    "3.2": (
        "bistand",
        (
            "Fler stockholmare ska ha ett arbete att gå till",
            "Vägen till arbete ska vara kortare för den som står långt från arbetsmarknaden",
        ),
    ),
    "3.3": (
        "medarbetare",
        (
            "Stockholms stad ska vara en attraktiv arbetsgivare med engagerade medarbetare",
            "Stadens medarbetare ska ha en hälsosam arbetsmiljö och möjlighet att utvecklas",
        ),
    ),
    "3.4": (
        "trygghet",
        (
            "Stockholm ska ha en god krisberedskap och robusta verksamheter",
            "Stadens verksamheter ska klara sitt uppdrag även vid kris och höjd beredskap",
        ),
    ),
    "3.5": (
        "demokrati",
        (
            "Stockholm ska vara en öppen och jämlik stad där invånarna har inflytande",
            "Stadens service ska vara tillgänglig, rättssäker och präglas av ett gott bemötande",
        ),
    ),
}

# --- goal-section text that fits any topic -------------------------------------------------

GOAL_SECTION_HEADINGS: dict[str, str] = {
    "beskrivning": "Beskrivning",
    "forvantat_resultat": "Förväntat resultat",
    "arbetssatt": "Arbetssätt",
    "samverkan": "Samverkan",
    "medarbetarskap": "Medarbetarskap",
    "resursanvandning": "Resursanvändning",
    "uppfoljning": "Uppföljning",
    "utveckling": "Utveckling",
    "kommentar": "Kommentar",
}

ARBETSSATT: tuple[str, ...] = (
    "Enhetschefen går igenom målet med medarbetarna på arbetsplatsträffen i början av året.",
    (
        "Arbetet följs upp på varje arbetsplatsträff där vi gemensamt diskuterar vad som fungerar och vad "
        "som behöver förbättras."
    ),
    "Medarbetarna arbetar i team med tydligt fördelade ansvarsområden.",
    "Vi använder stadens kvalitetsprogram som stöd i det dagliga förbättringsarbetet.",
    "Ett utvecklingsteam med representanter från alla arbetsgrupper driver arbetet framåt.",
    "Enheten samverkar med övriga enheter i {district} för att sprida goda exempel.",
    "Rutinerna ses över två gånger per år och uppdateras vid behov.",
    "Nya arbetssätt prövas först i en arbetsgrupp innan de införs i hela verksamheten.",
    "Vi tar tillvara synpunkter från brukare och närstående och använder dem i planeringen.",
    "Handledning och reflektionstid är schemalagd för samtliga medarbetare.",
    "Varje arbetsgrupp har ett ombud som ansvarar för att målet hålls levande i vardagen.",
    "Vi arbetar med korta uppföljningsmöten varje vecka där resultat och avvikelser gås igenom.",
    "Vi följer en gemensam struktur för planering, genomförande och utvärdering.",
    "Samordnaren sammanställer resultaten och presenterar dem för arbetsgruppen varje månad.",
    "Nya medarbetare får en genomgång av målet i samband med introduktionen.",
    "Vi använder checklistor för att säkerställa att rutinerna följs på samma sätt i alla arbetsgrupper.",
    "Arbetet planeras utifrån ett årshjul som är känt av alla medarbetare.",
    "Brukarnas och kundernas synpunkter samlas in löpande och tas upp på teamträffarna.",
    "Medarbetarna turas om att ansvara för att följa upp resultaten.",
    "Goda exempel lyfts fram på arbetsplatsträffarna så att vi kan lära av varandra.",
    "Enhetschefen och skyddsombudet går igenom arbetsmiljön i samband med varje skyddsrond.",
    "Dokumentationen sker i verksamhetssystemet och granskas stickprovsvis av samordnaren.",
    "Vi har regelbundna avstämningar med beställarenheten om insatsernas innehåll.",
    "Arbetet utvärderas tillsammans med medarbetarna på planeringsdagen i augusti.",
)

UPPFOLJNING: tuple[str, ...] = (
    "Målet följs upp i tertialrapporter och i verksamhetsberättelsen.",
    "Uppföljning sker genom egenkontroller, brukarundersökningen och statistik från verksamhetssystemet.",
    "Enhetschefen följer upp resultatet varje månad tillsammans med ledningsgruppen.",
    "Medarbetarenkät, medarbetarsamtal och skyddsronder.",
    "Resultatet redovisas på arbetsplatsträff i samband med tertialbokslut.",
    "Egenkontroll av genomförandeplaner två gånger per år.",
    "Uppföljning sker på ledningsgruppens möten och i dialog med controller.",
)

UTVECKLING: tuple[str, ...] = (
    "Under {next} vill enheten bredda arbetet till fler arbetsgrupper.",
    "Enheten kommer att utvärdera arbetssättet efter första halvåret och justera vid behov.",
    "Digitala verktyg ska prövas för att förenkla dokumentationen.",
    "Fler medarbetare ska involveras i förbättringsarbetet.",
    "En gemensam mall för uppföljning ska tas fram tillsammans med verksamhetsutvecklaren.",
)

RESURSANVANDNING: tuple[str, ...] = (
    "Arbetet genomförs inom befintliga resurser.",
    "Enhetschef, samordnare och samtliga medarbetare.",
    "En del av medarbetarnas planeringstid avsätts för arbetet.",
    "Kostnader för utbildning ryms inom enhetens budget för kompetensutveckling.",
    "Arbetet leds av en samordnare på halvtid.",
)

KOMMENTAR: tuple[str, ...] = (
    "Målet har justerats jämfört med föregående år efter resultatet i {prev} års uppföljning.",
    (
        "Enheten har valt att prioritera målet eftersom brukarundersökningen visade ett lägre resultat än "
        "tidigare."
    ),
    "Arbetet påbörjades under {prev} och fortsätter under hela {year}.",
)

SAMVERKAN: tuple[str, ...] = (
    "Enheten samverkar med Region Stockholm, skolor och civilsamhällets organisationer.",
    "Samverkan sker i det lokala nätverket i {area} som träffas en gång per månad.",
    "Gemensamma ärendedragningar genomförs med beställarenheten vid behov.",
)

MEDARBETARSKAP: tuple[str, ...] = (
    "Alla medarbetare förväntas bidra till en god arbetsmiljö och ett respektfullt klimat.",
    "Medarbetarskapet diskuteras i samband med medarbetarsamtal och på arbetsplatsträffar.",
)

#: Fragments for sentences built on the fly: "Under {year} ska <subject> <action> för att <purpose>."
SUBJECTS: tuple[str, ...] = (
    "enheten",
    "verksamheten",
    "ledningsgruppen",
    "medarbetarna",
    "stadsdelsförvaltningen",
    "arbetsgrupperna",
)
ACTIONS: tuple[str, ...] = (
    "se över rutinerna för dokumentation",
    "fördjupa samarbetet med närliggande verksamheter",
    "införa ett gemensamt arbetssätt för uppföljning",
    "utbilda samtliga medarbetare i stadens kvalitetsprogram",
    "genomföra fler egenkontroller",
    "utveckla introduktionen för nyanställda",
    "prova nya digitala lösningar",
    "ta fram en handlingsplan utifrån resultaten i brukarundersökningen",
    "stärka det förebyggande arbetet",
    "skapa fler tillfällen för dialog med brukare och anhöriga",
    "kartlägga medarbetarnas kompetens",
    "förbättra planeringen av scheman och bemanning",
    "arbeta mer systematiskt med avvikelser",
    "utveckla samverkan med föreningslivet i {area}",
    "förbättra informationen på webbplatsen",
    "införa fasta tider för reflektion i arbetsgrupperna",
    "se över fördelningen av ansvarsområden",
    "utveckla arbetet med genomförandeplaner",
    "genomföra en kartläggning av lokalernas tillgänglighet",
    "ta fram en plan för kompetensutveckling",
    "stärka samarbetet med anhöriga och närstående",
    "följa upp resultaten oftare än tidigare",
    "minska användningen av engångsmaterial",
    "öka andelen medarbetare med relevant utbildning",
)
PURPOSES: tuple[str, ...] = (
    "höja kvaliteten i verksamheten",
    "öka delaktigheten",
    "säkerställa en likvärdig service",
    "minska sårbarheten vid frånvaro",
    "använda resurserna mer effektivt",
    "skapa en tryggare arbetsmiljö",
    "möta invånarnas behov på ett bättre sätt",
    "nå målen i verksamhetsplanen",
    "förbättra informationen till dem vi är till för",
    "minska kostnaderna utan att kvaliteten försämras",
    "stärka det lärande förhållningssättet",
    "korta väntetiderna",
    "ge invånarna ett bättre bemötande",
    "stärka tryggheten för dem vi är till för",
    "bidra till en hållbar utveckling",
    "ta tillvara medarbetarnas kunskaper",
    "göra verksamheten mindre sårbar",
)

# --- narrative sections --------------------------------------------------------------------

ORGANISATION: tuple[str, ...] = (
    "Enheten leds av en enhetschef och har {chefs} biträdande chefer med personalansvar.",
    "Verksamheten har totalt {staff} medarbetare, varav de flesta är tillsvidareanställda på heltid.",
    "Enheten har cirka {users} brukare och omkring {staff} medarbetare.",
    "Till enheten hör också en administratör och en verksamhetsutvecklare som delas med andra enheter.",
    "Arbetsplatsträffar hålls en gång i månaden och samverkansgrupp fyra gånger per år.",
    "Verksamhetsplanen har tagits fram tillsammans med medarbetarna under två planeringsdagar hösten {prev}.",
    "Skyddsombuden deltar i planeringen och i uppföljningen av arbetsmiljön.",
    "Enheten är organiserad i fyra arbetsgrupper med var sin samordnare.",
)

RESURS_NARRATIVE: tuple[str, ...] = (
    "Medarbetarna och deras kompetens bär verksamheten, och en stabil bemanning är avgörande.",
    "Resurserna fördelas utifrån antalet brukare och den tid som beviljas i besluten.",
    "Enheten följer varje månad upp personalkostnaderna tillsammans med controller.",
    "Användningen av timavlönade ska minska genom bättre planering av semestrar och frånvaro.",
    "Vi ser kontinuerligt över lokaler, fordon och inköp för att använda resurserna klokt.",
    "Digitala arbetssätt ska frigöra tid för arbete nära brukarna.",
)

BUDGET: tuple[str, ...] = (
    "Enhetens budget för {year} uppgår till {budget} mnkr.",
    (
        "Budgeten är i huvudsak en personalbudget och personalkostnaderna utgör omkring {pct} procent av de "
        "totala kostnaderna."
    ),
    "Inför {year} har enheten fått en uppräkning av budgeten som motsvarar löneökningarna.",
    "Enheten har under {prev} haft ett mindre underskott som ska hämtas in under året.",
    "Ersättningen per timme har räknats upp och enheten bedömer att budgeten är i balans.",
    "Prognoser lämnas varje månad och stäms av med avdelningschef.",
)

KVALITET: tuple[str, ...] = (
    "Enheten arbetar systematiskt med kvalitet enligt stadens ledningssystem.",
    "Egenkontroller genomförs enligt en årlig plan och resultaten redovisas på arbetsplatsträff.",
    "Synpunkter och klagomål registreras och analyseras varje tertial.",
    "Stadens kvalitetsprogram och dess förhållningssätt är en gemensam grund för förbättringsarbetet.",
    "Rutinerna finns samlade i ett digitalt kvalitetsledningssystem som alla medarbetare har tillgång till.",
    "Enheten deltar i stadsövergripande nätverk där goda exempel delas.",
)

SYNPUNKTER: tuple[str, ...] = (
    "Alla synpunkter och klagomål besvaras inom tio arbetsdagar.",
    "Klagomålen sammanställs och används för att förbättra verksamheten.",
    "Brukare och anhöriga informeras om hur de kan lämna synpunkter.",
)

AVVIKELSER: tuple[str, ...] = (
    "Medarbetarna känner till sin skyldighet att rapportera missförhållanden enligt lex Sarah.",
    "Avvikelser diskuteras på arbetsplatsträffarna så att vi lär av det som har hänt.",
    "Inkomna rapporter utreds skyndsamt och åtgärder följs upp.",
)

AGENDA: tuple[str, ...] = (
    (
        "Enheten bidrar till flera av de globala målen i Agenda 2030, särskilt målen om god hälsa och "
        "minskad ojämlikhet."
    ),
    "Vi arbetar med hållbar konsumtion genom att minska matsvinnet och välja återbrukat material.",
    "Jämställdhet är ett genomgående perspektiv i planering och uppföljning.",
    "Barnets rättigheter beaktas i alla beslut som rör barn.",
    "Genom att erbjuda stöd till de mest utsatta bidrar enheten till målet om att ingen ska lämnas utanför.",
)

MEDVERKAN: tuple[str, ...] = (
    (
        "Medarbetarna är delaktiga i kvalitetsarbetet genom arbetsplatsträffar, förbättringsgrupper och "
        "egenkontroller."
    ),
    "Förslag på förbättringar kan lämnas av alla och tas upp på nästa arbetsplatsträff.",
    "Resultaten av egenkontrollerna återkopplas till medarbetarna.",
)

FORUTSATTNINGAR: tuple[str, ...] = (
    "Befolkningen i {area} växer och andelen invånare över 80 år ökar.",
    "Det är fortsatt svårt att rekrytera vissa yrkesgrupper, särskilt sjuksköterskor och förskollärare.",
    "Förändringar i lagstiftningen ställer nya krav på dokumentation och uppföljning.",
)

DELAKTIGHET: tuple[str, ...] = (
    "Medarbetarna har bidragit till verksamhetsplanen genom workshoppar i arbetsgrupperna.",
    "Planen presenteras på arbetsplatsträff i januari och följs upp vid varje tertial.",
)

INLEDNING_EXTRA: tuple[str, ...] = (
    (
        "Verksamhetsplanen beskriver hur enheten ska bidra till att nå kommunfullmäktiges och nämndens mål "
        "under året."
    ),
    "Planen utgår från stadsdelsnämndens verksamhetsplan och budget för {year}.",
)

#: Level-3 headings under "Systematiskt kvalitetsarbete", with the pool of their text.
#: (Not "Personalens medverkan i kvalitetsarbetet": the template has it at level 2, and
#: a text export cannot show the difference.)
KVALITET_CHILDREN: tuple[tuple[str, str], ...] = (
    ("Hantering av synpunkter och klagomål", "SYNPUNKTER"),
    ("Avvikelser och lex Sarah", "AVVIKELSER"),
    ("Kontroller och egenkontroll", "AVVIKELSER"),
)

COMMENTS: tuple[str, ...] = (
    "Utfallet {prev} var {value}. Enheten har som mål att förbättra resultatet under året.",
    "Indikatorn mäts i stadens brukarundersökning som genomförs under våren.",
    "Målvärdet är satt utifrån resultatet i {prev} års medarbetarenkät.",
    "Resultatet redovisas per verksamhet och följs upp på arbetsplatsträff.",
    "Indikatorn är ny för {year} och saknar därför jämförelsevärde.",
)

ACTIVITY_TAILS: tuple[str, ...] = (
    "",
    "",
    "",
    " i samverkan med övriga enheter",
    " under våren",
    " senast den 30 juni",
    " och resultatet ska redovisas för nämnden",
)
