"""French word lists the resolution rules read: honorifics, role nouns, organisation head nouns.

General vocabulary of French news copy, never names taken from particular articles.
"""

HONORIFICS = {
    "m.": "m", "m": "m", "mr": "m", "mr.": "m", "monsieur": "m", "mgr": "m", "messieurs": None,
    "mme": "f", "mme.": "f", "mmes": "f", "madame": "f", "mlle": "f", "mlle.": "f", "mademoiselle": "f",
    "me": None, "me.": None, "maître": None, "dr": None, "dr.": None, "docteur": None, "pr": None, "pr.": None,
    "professeur": None, "sir": "m", "lady": "f",
}  # fmt: skip

# Role nouns that introduce a person ("le président russe Vladimir Poutine"), with the gender they
# carry on their own (None: epicene, the determiner decides).
ROLE_NOUNS = {
    "président": "m", "présidente": "f", "ministre": None, "chef": None, "cheffe": "f", "général": "m",
    "générale": "f", "colonel": "m", "commandant": "m", "capitaine": None, "lieutenant": "m",
    "maréchal": "m", "amiral": "m", "secrétaire": None, "porte-parole": None, "ambassadeur": "m",
    "ambassadrice": "f", "directeur": "m", "directrice": "f", "dirigeant": "m", "dirigeante": "f",
    "leader": None, "opposant": "m", "opposante": "f", "député": "m", "députée": "f", "sénateur": "m",
    "sénatrice": "f", "maire": None, "gouverneur": "m", "gouverneure": "f", "préfet": "m", "préfète": "f",
    "roi": "m", "reine": "f", "prince": "m", "princesse": "f", "pape": "m", "imam": "m", "cardinal": "m",
    "juge": None, "procureur": "m", "procureure": "f", "avocat": "m", "avocate": "f", "patron": "m",
    "patronne": "f", "pdg": None, "entraîneur": "m", "entraîneuse": "f", "sélectionneur": "m",
    "chancelier": "m", "chancelière": "f", "commissaire": None, "haut-commissaire": None, "envoyé": "m",
    "envoyée": "f", "émissaire": None, "représentant": "m", "représentante": "f", "conseiller": "m",
    "conseillère": "f", "candidat": "m", "candidate": "f", "militant": "m", "militante": "f",
    "journaliste": None, "écrivain": "m", "écrivaine": "f", "chercheur": "m", "chercheuse": "f",
    "économiste": None, "analyste": None, "fondateur": "m", "fondatrice": "f", "homologue": None,
    "coordinateur": "m", "coordinatrice": "f", "responsable": None, "délégué": "m", "déléguée": "f",
    "médiateur": "m", "médiatrice": "f", "chef d'état-major": None, "vice-président": "m",
    "vice-présidente": "f", "vice-ministre": None, "sous-secrétaire": None, "joueur": "m", "joueuse": "f",
    "attaquant": "m", "attaquante": "f", "défenseur": "m", "capitaine-adjoint": "m", "rapporteur": "m",
    "rapporteure": "f", "gouverneure-adjointe": "f", "chanteur": "m", "chanteuse": "f", "acteur": "m",
    "actrice": "f", "artiste": None, "réalisateur": "m", "réalisatrice": "f", "activiste": None,
    "syndicaliste": None, "émir": "m", "sultan": "m", "président-directeur": "m",
}  # fmt: skip
ROLE_PREFIXES = ("vice-", "ex-", "co-", "sous-", "ancien ", "ancienne ", "nouveau ", "nouvelle ", "premier ",
                 "première ", "futur ", "future ", "haut ", "haute ")  # fmt: skip

MASCULINE_DETERMINERS = {"le", "du", "au", "un", "ce", "cet", "son", "notre", "leur"}
FEMININE_DETERMINERS = {"la", "une", "cette", "sa"}

# Head nouns of organisation names ("ministère russe de la Défense", "Banque mondiale").
ORG_HEADS = {
    "ministère", "ministere", "banque", "union", "organisation", "organization", "agence", "office", "fonds",
    "conseil", "commission", "assemblée", "parlement", "sénat", "cour", "tribunal", "gouvernement", "parti",
    "mouvement", "front", "alliance", "coalition", "groupe", "société", "compagnie", "entreprise",
    "fédération", "confédération", "association", "fondation", "institut", "université", "école",
    "académie", "comité", "communauté", "programme", "forces", "armée", "police", "gendarmerie", "garde",
    "brigade", "régiment", "église", "club", "syndicat", "ligue", "observatoire", "haut-commissariat",
    "secrétariat", "autorité", "caisse", "chambre", "état-major", "mission", "bureau", "direction",
    "délégation", "cabinet", "consortium", "holding", "laboratoire", "hôpital", "centre",
    "orchestre", "agency", "bank", "council", "fund", "group", "party", "army", "ministry", "company",
}  # fmt: skip

# Capitalised common nouns that the model reads as names ("coup d'État", "l'État").
GENERIC_CAPITALISED = {
    "état", "etat", "états", "etats", "république", "nation", "nations", "gouvernement", "président",
    "présidence", "ministère", "ministre", "parlement", "etat-major", "état-major", "constitution",
    "premier", "première", "sud", "nord", "est", "ouest", "ciel", "dieu", "terre",
}  # fmt: skip

# Lower-case particles allowed inside personal names ("Ahmed Ould Abdallah", "Ursula von der Leyen").
NAME_PARTICLES = {
    "de", "du", "des", "da", "di", "dos", "das", "van", "von", "der", "den", "ten", "ter", "le", "la",
    "ben", "bin", "ibn", "ould", "ag", "al", "el", "bint", "mint", "y", "d'", "abu", "abou",
}  # fmt: skip

# Function words skipped when matching an acronym against the words it abbreviates.
ACRONYM_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "a", "au", "aux", "sur",
                     "dans", "contre", "avec", "of", "the", "and", "for"}  # fmt: skip

# Nouns of geographic features and sites that open a place name ("fleuve Sénégal", "camp Geille").
FEATURE_NOUNS = {
    "camp", "base", "place", "fleuve", "rivière", "océan", "mer", "lac", "mont", "monts", "massif", "île",
    "îles", "golfe", "baie", "cap", "désert", "forêt", "parc", "stade", "aéroport", "port", "pont", "rue",
    "avenue", "boulevard", "quartier", "plateau", "vallée", "canal", "détroit", "col", "pointe", "barrage",
    "palais", "cathédrale", "mosquée", "prison", "camp militaire", "base aérienne", "base militaire",
}  # fmt: skip

# Feature nouns whose complement is part of the name: 'place de la Nation', 'rue de Rivoli'.
STREET_NOUNS = {"place", "rue", "avenue", "boulevard", "quai", "pont", "cours", "allée", "impasse"}

# Words after which a place name names a treaty or an operation, not a place ("accord de Paris").
EVENT_NOUNS = {"accord", "accords", "traité", "protocole", "convention", "opération", "processus"}

# Short function words that never end a name ("Groupe de" is a truncated span).
TRAILING_FUNCTION_WORDS = {"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "et", "à", "au", "aux", "en"}

# Acronyms of international bodies and agencies that French copy uses without spelling them out.
# World knowledge of the same kind as the gazetteer; an article that defines an acronym overrides it.
WELL_KNOWN_ACRONYMS = {
    "AFP": "Agence France-Presse", "AP": "Associated Press", "ONU": "Organisation des Nations unies",
    "UE": "Union européenne", "UA": "Union africaine", "OTAN": "Organisation du traité de l'Atlantique Nord",
    "FMI": "Fonds monétaire international", "OMS": "Organisation mondiale de la santé",
    "OMC": "Organisation mondiale du commerce", "OCDE": "Organisation de coopération et de développement économiques",
    "OPEP": "Organisation des pays exportateurs de pétrole", "AIEA": "Agence internationale de l'énergie atomique",
    "Unesco": "Organisation des Nations unies pour l'éducation, la science et la culture",
    "Unicef": "Fonds des Nations unies pour l'enfance", "HCR": "Haut-Commissariat des Nations unies pour les réfugiés",
    "PAM": "Programme alimentaire mondial", "FAO": "Organisation des Nations unies pour l'alimentation et l'agriculture",
    "OIT": "Organisation internationale du travail", "CPI": "Cour pénale internationale",
    "CIJ": "Cour internationale de justice", "BCE": "Banque centrale européenne",
    "BAD": "Banque africaine de développement", "OIF": "Organisation internationale de la francophonie",
    "CICR": "Comité international de la Croix-Rouge", "MSF": "Médecins sans frontières",
    "OSCE": "Organisation pour la sécurité et la coopération en Europe", "ASEAN": "Association des nations de l'Asie du Sud-Est",
}  # fmt: skip
