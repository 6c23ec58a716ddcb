"""The legal instruments of the source text (../shared/seed/), as linked records in English and French.

From the source text: Canada ratified UNCTOC on May 13, 2002 and it entered into force on September 29,
2003; Canada ratified its two protocols; Bill C-49 came into force on November 25, 2005 and created three
indictable offences; the Criminal Code offences that also apply; IRPA s. 118 (fines up to $1 million,
imprisonment up to life). Every other fact carries its public source in a comment beside it. Provision
texts are plain-language summaries, except the two treaty definitions, quoted from the official texts.
Fields we could not verify are left empty; `last_checked_on` is left for staff to set when they check.
"""

import datetime

from iwgtip_site.publishing import Status

from .models import (
    ConsentKind,
    Instrument,
    InstrumentKind,
    InstrumentRelation,
    Jurisdiction,
    LegalStatus,
    OffenceProcedure,
    Provision,
    RelationKind,
)

NBSP = "\u00a0"
D = datetime.date

# UN Treaty Collection, chapter XVIII (penal matters): status pages of the Convention and protocols.
UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={number}&chapter=18&clang=_{language}"
# Canada signed the Convention and both protocols in Palermo on December 14, 2000: Department of Justice
# news release, December 15, 2000 (archived by Library and Archives Canada):
# https://bac-lac.wayback.archive-it.org/web/20061026015333/http://www.justice.gc.ca/en/news/nr/2000/doc_25784.html
# and ratified all three together (DFAIT news release No. 51, May 14, 2002):
# https://bac-lac.wayback.archive-it.org/web/20060208003901/http:/w01.international.gc.ca/minpub/Publication.asp?Language=E&publication_id=379244
CANADA_SIGNED = D(2000, 12, 14)
CANADA_RATIFIED = D(2002, 5, 13)  # the source text
# All three were adopted by General Assembly resolution 55/25 of November 15, 2000 (UNODC status page of
# the Trafficking Protocol: https://www.unodc.org/unodc/en/treaties/CTOC/countrylist-traffickingprotocol.html).
ADOPTED = D(2000, 11, 15)

UNCTOC = {
    "key": "unctoc",
    "kind": InstrumentKind.CONVENTION,
    "jurisdiction": Jurisdiction.INTERNATIONAL,
    "title_en": "United Nations Convention against Transnational Organized Crime",
    "title_fr": "Convention des Nations Unies contre la criminalité transnationale organisée",
    "short_title_en": "Convention against Transnational Organized Crime",
    "short_title_fr": "Convention contre la criminalité transnationale organisée",
    "acronym_en": "UNCTOC",
    "slug_en": "unctoc",
    "slug_fr": "convention-criminalite-transnationale-organisee",
    "summary_en": (
        "The first global treaty against organized crime: it extends tools for co-operation against organized "
        "crime to a global level, supporting international information sharing and law enforcement co-operation."
    ),
    "summary_fr": (
        f"Le premier traité mondial contre le crime organisé{NBSP}: il étend à l'échelle mondiale les outils "
        "de coopération en la matière, en favorisant l'échange d'information et la coopération entre les "
        "services de police."
    ),
    "body_en": (
        "<p>As smuggling and trafficking-related activities take place in numerous countries, governments cannot "
        "successfully combat these offences in isolation. Canada ratified the Convention on May 13, 2002; it "
        "officially entered into force on September 29, 2003.</p>"
    ),
    "body_fr": (
        "<p>Comme les activités liées au passage de clandestins et à la traite se déroulent dans de nombreux pays, "
        "les gouvernements ne peuvent pas les combattre efficacement chacun de son côté. Le Canada a ratifié la "
        "Convention le 13 mai 2002; elle est officiellement entrée en vigueur le 29 septembre 2003.</p>"
    ),
    "un_resolution": "A/RES/55/25",
    "official_url_en": UNTC.format(number="XVIII-12", language="en"),
    "official_url_fr": UNTC.format(number="XVIII-12", language="fr"),
    "checked_against_url": UNTC.format(number="XVIII-12", language="en"),
    "adopted_on": ADOPTED,
    "signed_by_canada_on": CANADA_SIGNED,
    "ratified_by_canada_on": CANADA_RATIFIED,
    "canada_consent_kind": ConsentKind.RATIFICATION,
    "in_force_internationally_on": D(2003, 9, 29),  # the source text
    # Canada ratified before the Convention entered into force, so it bound Canada from that day.
    "in_force_in_canada_on": D(2003, 9, 29),
    "legal_status": LegalStatus.IN_FORCE,
    "provisions": [
        {
            "label": "5",
            "order": 10,
            "heading_en": "Criminalization of participation in an organized criminal group",
            "heading_fr": "Incrimination de la participation à un groupe criminel organisé",
            "text_en": (
                "<p>States Parties make it a criminal offence to take part in an organized criminal group, or to "
                "organize, direct, aid or counsel serious crime involving such a group.</p>"
            ),
            "text_fr": (
                "<p>Les États Parties font une infraction pénale de la participation à un groupe criminel organisé, "
                "ou du fait d'organiser, de diriger, de faciliter ou de conseiller la commission d'une infraction "
                "grave impliquant un tel groupe.</p>"
            ),
        },
    ],
}

SMUGGLING_PROTOCOL = {
    "key": "smuggling",
    "kind": InstrumentKind.PROTOCOL,
    "jurisdiction": Jurisdiction.INTERNATIONAL,
    "title_en": (
        "Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations "
        "Convention against Transnational Organized Crime"
    ),
    "title_fr": (
        "Protocole contre le trafic illicite de migrants par terre, air et mer, additionnel à la Convention des "
        "Nations Unies contre la criminalité transnationale organisée"
    ),
    "short_title_en": "Smuggling of Migrants Protocol",
    "short_title_fr": "Protocole relatif au trafic illicite de migrants",
    "slug_en": "smuggling-of-migrants-protocol",
    "slug_fr": "protocole-trafic-illicite-de-migrants",
    "summary_en": (
        "Offers improved legal and judicial tools to prevent and combat the smuggling of migrants, and promotes "
        "information sharing and co-operation among States."
    ),
    "summary_fr": (
        "Offre de meilleurs outils juridiques et judiciaires pour prévenir et combattre le trafic illicite de "
        "migrants, et favorise l'échange d'information et la coopération entre les États."
    ),
    "un_resolution": "A/RES/55/25",
    "official_url_en": UNTC.format(number="XVIII-12-b", language="en"),
    "official_url_fr": UNTC.format(number="XVIII-12-b", language="fr"),
    "checked_against_url": UNTC.format(number="XVIII-12-b", language="en"),
    "adopted_on": ADOPTED,
    "signed_by_canada_on": CANADA_SIGNED,
    "ratified_by_canada_on": CANADA_RATIFIED,
    "canada_consent_kind": ConsentKind.RATIFICATION,
    # Entry into force: UN Treaty Collection, status of treaty XVIII-12-b (link above).
    "in_force_internationally_on": D(2004, 1, 28),
    "in_force_in_canada_on": D(2004, 1, 28),
    "legal_status": LegalStatus.IN_FORCE,
    "provisions": [
        {
            "label": "3(a)",
            "order": 10,
            "heading_en": "Definition of smuggling of migrants",
            "heading_fr": "Définition du trafic illicite de migrants",
            "text_en": (
                "<p>“Smuggling of migrants” shall mean the procurement, in order to obtain, directly or indirectly, "
                "a financial or other material benefit, of the illegal entry of a person into a State Party of "
                "which the person is not a national or a permanent resident.</p>"
            ),
            "text_fr": (
                "<p>L'expression « trafic illicite de migrants » désigne le fait d'assurer, afin d'en tirer, "
                "directement ou indirectement, un avantage financier ou un autre avantage matériel, l'entrée "
                "illégale dans un État Partie d'une personne qui n'est ni un ressortissant ni un résident permanent "
                "de cet État.</p>"
            )
            .replace("« ", f"«{NBSP}")
            .replace(" »", f"{NBSP}»"),
        },
        {
            "label": "6",
            "order": 20,
            "heading_en": "Criminalization",
            "heading_fr": "Incrimination",
            "text_en": "<p>States Parties make the smuggling of migrants, and the conduct that enables it, criminal offences.</p>",
            "text_fr": (
                "<p>Les États Parties font du trafic illicite de migrants, et des actes qui le rendent possible, "
                "des infractions pénales.</p>"
            ),
        },
    ],
}

TRAFFICKING_PROTOCOL = {
    "key": "trafficking",
    "kind": InstrumentKind.PROTOCOL,
    "jurisdiction": Jurisdiction.INTERNATIONAL,
    "title_en": (
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, "
        "supplementing the United Nations Convention against Transnational Organized Crime"
    ),
    "title_fr": (
        "Protocole additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée "
        "visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants"
    ),
    "short_title_en": "Trafficking in Persons Protocol",
    "short_title_fr": "Protocole relatif à la traite des personnes",
    "slug_en": "trafficking-in-persons-protocol",
    "slug_fr": "protocole-traite-des-personnes",
    "summary_en": (
        "Offers improved legal and judicial tools against trafficking in persons and expands the scope of "
        "protection and support to victims and witnesses."
    ),
    "summary_fr": (
        "Offre de meilleurs outils juridiques et judiciaires contre la traite des personnes et élargit la "
        "protection et le soutien offerts aux victimes et aux témoins."
    ),
    "un_resolution": "A/RES/55/25",
    "official_url_en": UNTC.format(number="XVIII-12-a", language="en"),
    "official_url_fr": UNTC.format(number="XVIII-12-a", language="fr"),
    "checked_against_url": UNTC.format(number="XVIII-12-a", language="en"),
    "adopted_on": ADOPTED,
    "signed_by_canada_on": CANADA_SIGNED,
    "ratified_by_canada_on": CANADA_RATIFIED,
    "canada_consent_kind": ConsentKind.RATIFICATION,
    # Entry into force: UNODC status page of the protocol (see ADOPTED above).
    "in_force_internationally_on": D(2003, 12, 25),
    "in_force_in_canada_on": D(2003, 12, 25),
    "legal_status": LegalStatus.IN_FORCE,
    "provisions": [
        {
            "label": "3(a)",
            "order": 10,
            "heading_en": "Definition of trafficking in persons",
            "heading_fr": "Définition de la traite des personnes",
            "text_en": (
                "<p>“Trafficking in persons” shall mean the recruitment, transportation, transfer, harbouring or "
                "receipt of persons, by means of the threat or use of force or other forms of coercion, of "
                "abduction, of fraud, of deception, of the abuse of power or of a position of vulnerability or of "
                "the giving or receiving of payments or benefits to achieve the consent of a person having control "
                "over another person, for the purpose of exploitation.</p>"
            ),
            "text_fr": (
                "<p>L'expression « traite des personnes » désigne le recrutement, le transport, le transfert, "
                "l'hébergement ou l'accueil de personnes, par la menace de recours ou le recours à la force ou à "
                "d'autres formes de contrainte, par enlèvement, fraude, tromperie, abus d'autorité ou d'une "
                "situation de vulnérabilité, ou par l'offre ou l'acceptation de paiements ou d'avantages pour "
                "obtenir le consentement d'une personne ayant autorité sur une autre aux fins d'exploitation.</p>"
            )
            .replace("« ", f"«{NBSP}")
            .replace(" »", f"{NBSP}»"),
        },
        {
            "label": "5",
            "order": 20,
            "heading_en": "Criminalization",
            "heading_fr": "Incrimination",
            "text_en": "<p>States Parties make trafficking in persons, as defined in article 3, a criminal offence.</p>",
            "text_fr": (
                "<p>Les États Parties font de la traite des personnes, telle qu'elle est définie à l'article 3, "
                "une infraction pénale.</p>"
            ),
        },
    ],
}

# Bill C-49, 38th Parliament, 1st Session. Citation, Royal Assent and the penalties of the three offences:
# LEGISinfo (https://www.parl.ca/legisinfo/en/bill/38-1/c-49) and the Library of Parliament's legislative
# summary 38-1-LS-508-E ("Coming into force on 25 November 2005"):
# https://loppublicservices.parl.ca/PublicWebsiteProxy/Publication/GoToLS?billNumber=C-49&lang=en_CA&parlSession=381
BILL_C49 = {
    "key": "c49",
    "kind": InstrumentKind.BILL,
    "jurisdiction": Jurisdiction.CANADA_FEDERAL,
    "title_en": "An Act to amend the Criminal Code (trafficking in persons)",
    "title_fr": "Loi modifiant le Code criminel (traite des personnes)",
    "short_title_en": "Bill C-49",
    "short_title_fr": "Projet de loi C-49",
    "slug_en": "bill-c-49",
    "slug_fr": "projet-de-loi-c-49",
    "summary_en": (
        "Created three new indictable offences in the Criminal Code specifically to address human trafficking, "
        "which law enforcement can use to address this crime."
    ),
    "summary_fr": (
        "A créé dans le Code criminel trois nouvelles infractions punissables par mise en accusation qui visent "
        "précisément la traite des personnes et dont les forces de l'ordre peuvent se servir contre ce crime."
    ),
    "citation_en": "S.C. 2005, c. 43",
    "citation_fr": "L.C. 2005, ch. 43",
    "bill_number": "C-49",
    "official_url_en": "https://www.parl.ca/legisinfo/en/bill/38-1/c-49",
    "official_url_fr": "https://www.parl.ca/legisinfo/fr/projet-de-loi/38-1/c-49",
    "checked_against_url": "https://www.parl.ca/legisinfo/en/bill/38-1/c-49",
    "royal_assent_on": D(2005, 11, 25),
    "in_force_in_canada_on": D(2005, 11, 25),  # the source text
    "legal_status": LegalStatus.IN_FORCE,
    "provisions": [
        {
            "label": "279.01",
            "order": 10,
            "heading_en": "Trafficking in persons",
            "heading_fr": "Traite des personnes",
            "text_en": (
                "<p>Recruiting, transporting, transferring, receiving, holding, concealing or harbouring a person, "
                "or exercising control, direction or influence over their movements, for the purpose of exploiting "
                "them or facilitating their exploitation.</p>"
            ),
            "text_fr": (
                "<p>Recruter, transporter, transférer, recevoir, détenir, cacher ou héberger une personne, ou "
                "exercer un contrôle, une direction ou une influence sur ses mouvements, en vue de l'exploiter ou "
                "de faciliter son exploitation.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_life": True,
            "penalty_note_en": (
                "Life if the offender kidnaps, commits an aggravated assault or aggravated sexual assault, or causes "
                "death; otherwise 14 years (as enacted in 2005)."
            ),
            "penalty_note_fr": (
                "L'emprisonnement à perpétuité si l'auteur enlève la victime, se livre à des voies de fait graves ou "
                "à une agression sexuelle grave, ou cause la mort; sinon 14 ans (texte adopté en 2005)."
            ),
        },
        {
            "label": "279.02",
            "order": 20,
            "heading_en": "Material benefit",
            "heading_fr": "Avantage matériel",
            "text_en": (
                "<p>Receiving a financial or other material benefit knowing that it results from trafficking "
                "in persons.</p>"
            ),
            "text_fr": (
                "<p>Bénéficier d'un avantage financier ou de tout autre avantage matériel en sachant qu'il provient "
                "de la traite des personnes.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_years": 10,
        },
        {
            "label": "279.03",
            "order": 30,
            "heading_en": "Withholding or destroying documents",
            "heading_fr": "Rétention ou destruction de documents",
            "text_en": (
                "<p>Concealing, removing, withholding or destroying a person's travel, identity or immigration "
                "documents to commit or facilitate trafficking in persons.</p>"
            ),
            "text_fr": (
                "<p>Cacher, enlever, retenir ou détruire les documents de voyage, d'identité ou d'immigration d'une "
                "personne en vue de commettre la traite des personnes ou d'en faciliter la perpétration.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_years": 5,
        },
    ],
}

# Sections and penalties: Justice Laws Website, Criminal Code (https://laws-lois.justice.gc.ca/eng/acts/c-46/):
# s. 279(1) and (1.1) kidnapping, s. 279(2) forcible confinement, s. 346(1.1) extortion, s. 465(1)(c)
# conspiracy, ss. 467.11 to 467.13 criminal organizations. Section 212 was repealed by the Protection of
# Communities and Exploited Persons Act, S.C. 2014, c. 25.
CRIMINAL_CODE = {
    "key": "criminal-code",
    "kind": InstrumentKind.STATUTE,
    "jurisdiction": Jurisdiction.CANADA_FEDERAL,
    "title_en": "Criminal Code",
    "title_fr": "Code criminel",
    "slug_en": "criminal-code",
    "slug_fr": "code-criminel",
    "summary_en": (
        "Besides the trafficking offences added by Bill C-49, many Criminal Code offences also apply to "
        "trafficking in persons."
    ),
    "summary_fr": (
        "En plus des infractions de traite ajoutées par le projet de loi C-49, de nombreuses infractions du Code "
        "criminel s'appliquent aussi à la traite des personnes."
    ),
    "body_en": (
        "<p>These include kidnapping, extortion, forcible confinement, conspiracy, controlling or living off the "
        "avails of prostitution, and organized crime offences.</p>"
    ),
    "body_fr": (
        "<p>Il s'agit notamment de l'enlèvement, de l'extorsion, de la séquestration, du complot, du contrôle de la "
        "prostitution d'autrui ou du fait de vivre de ses produits, ainsi que des infractions relatives aux "
        "organisations criminelles.</p>"
    ),
    "citation_en": "R.S.C. 1985, c. C-46",
    "citation_fr": "L.R.C. (1985), ch. C-46",
    "official_url_en": "https://laws-lois.justice.gc.ca/eng/acts/c-46/",
    "official_url_fr": "https://laws-lois.justice.gc.ca/fra/lois/c-46/",
    "checked_against_url": "https://laws-lois.justice.gc.ca/eng/acts/c-46/",
    "legal_status": LegalStatus.IN_FORCE,
    "provisions": [
        {
            "label": "279(1)",
            "order": 10,
            "heading_en": "Kidnapping",
            "heading_fr": "Enlèvement",
            "text_en": "<p>Kidnapping a person with intent to confine, imprison, send out of Canada or hold for ransom.</p>",
            "text_fr": (
                "<p>Enlever une personne dans l'intention de la séquestrer, de l'emprisonner, de la faire sortir du "
                "Canada ou de la détenir contre rançon.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_life": True,
        },
        {
            "label": "279(2)",
            "order": 20,
            "heading_en": "Forcible confinement",
            "heading_fr": "Séquestration",
            "text_en": "<p>Confining, imprisoning or forcibly seizing another person without lawful authority.</p>",
            "text_fr": (
                "<p>Séquestrer, emprisonner ou saisir de force une autre personne sans autorisation légitime.</p>"
            ),
            "offence_procedure": OffenceProcedure.HYBRID,
            "max_imprisonment_years": 10,
        },
        {
            "label": "346",
            "order": 30,
            "heading_en": "Extortion",
            "heading_fr": "Extorsion",
            "text_en": "<p>Inducing a person, by threats, accusations, menaces or violence, to do anything.</p>",
            "text_fr": (
                "<p>Induire une personne, par menaces, accusations ou violence, à accomplir ou à faire accomplir "
                "quelque chose.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_life": True,
        },
        {
            "label": "465",
            "order": 40,
            "heading_en": "Conspiracy",
            "heading_fr": "Complot",
            "text_en": "<p>Conspiring with anyone to commit an offence.</p>",
            "text_fr": "<p>Comploter avec quelqu'un en vue de commettre une infraction.</p>",
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "penalty_note_en": "The same maximum as the offence conspired to.",
            "penalty_note_fr": "La même peine maximale que l'infraction visée par le complot.",
        },
        {
            "label": "212",
            "order": 50,
            "heading_en": "Procuring and living on the avails of prostitution (repealed)",
            "heading_fr": "Proxénétisme et fait de vivre des produits de la prostitution (abrogé)",
            "text_en": (
                "<p>The offences of procuring and of living on the avails of prostitution named in the source text. "
                "Section 212 was repealed in 2014 (S.C. 2014, c. 25); sections 286.2 and 286.3 now cover "
                "receiving a material benefit from sexual services and procuring.</p>"
            ),
            "text_fr": (
                "<p>Les infractions de proxénétisme et de fait de vivre des produits de la prostitution d'autrui "
                "mentionnées dans le texte source. L'article 212 a été abrogé en 2014 (L.C. 2014, ch. 25); les "
                "articles 286.2 et 286.3 visent désormais l'avantage matériel provenant de la prestation de "
                "services sexuels et le proxénétisme.</p>"
            ),
        },
        {
            "label": "467.11",
            "order": 60,
            "heading_en": "Participation in activities of a criminal organization",
            "heading_fr": "Participation aux activités d'une organisation criminelle",
            "text_en": (
                "<p>Knowingly taking part in or contributing to any activity of a criminal organization to enhance "
                "its ability to commit or facilitate an indictable offence.</p>"
            ),
            "text_fr": (
                "<p>Participer sciemment à une activité d'une organisation criminelle, ou y contribuer, dans le but "
                "d'accroître sa capacité de commettre ou de faciliter une infraction punissable par mise en "
                "accusation.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_years": 5,
        },
        {
            "label": "467.12",
            "order": 70,
            "heading_en": "Commission of offence for a criminal organization",
            "heading_fr": "Infraction au profit d'une organisation criminelle",
            "text_en": (
                "<p>Committing an indictable offence for the benefit of, at the direction of, or in association "
                "with a criminal organization.</p>"
            ),
            "text_fr": (
                "<p>Commettre un acte criminel au profit ou sous la direction d'une organisation criminelle, ou en "
                "association avec elle.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_years": 14,
        },
        {
            "label": "467.13",
            "order": 80,
            "heading_en": "Instructing the commission of an offence for a criminal organization",
            "heading_fr": "Charger une personne de commettre une infraction",
            "text_en": (
                "<p>A member of a criminal organization knowingly instructing anyone to commit an offence for the "
                "benefit of, at the direction of, or in association with the organization.</p>"
            ),
            "text_fr": (
                "<p>Le fait, pour un membre d'une organisation criminelle, de charger sciemment une personne de "
                "commettre une infraction au profit ou sous la direction de l'organisation, ou en association avec "
                "elle.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_life": True,
        },
    ],
}

# Citation, Royal Assent (November 1, 2001) and coming into force (June 28, 2002): Justice Laws Website,
# https://laws-lois.justice.gc.ca/eng/acts/i-2.5/ ; the penalty for s. 118 is set by s. 120.
IRPA = {
    "key": "irpa",
    "kind": InstrumentKind.STATUTE,
    "jurisdiction": Jurisdiction.CANADA_FEDERAL,
    "title_en": "Immigration and Refugee Protection Act",
    "title_fr": "Loi sur l'immigration et la protection des réfugiés",
    "acronym_en": "IRPA",
    "acronym_fr": "LIPR",
    "slug_en": "immigration-and-refugee-protection-act",
    "slug_fr": "loi-immigration-protection-des-refugies",
    "summary_en": (
        "In addition to the Criminal Code, IRPA contains a specific offence against human trafficking, with "
        "severe penalties."
    ),
    "summary_fr": (
        "En plus du Code criminel, la LIPR prévoit une infraction qui vise précisément la traite des personnes et "
        "qui est assortie de peines sévères."
    ),
    "citation_en": "S.C. 2001, c. 27",
    "citation_fr": "L.C. 2001, ch. 27",
    "official_url_en": "https://laws-lois.justice.gc.ca/eng/acts/i-2.5/",
    "official_url_fr": "https://laws-lois.justice.gc.ca/fra/lois/i-2.5/",
    "checked_against_url": "https://laws-lois.justice.gc.ca/eng/acts/i-2.5/",
    "royal_assent_on": D(2001, 11, 1),
    "in_force_in_canada_on": D(2002, 6, 28),
    "legal_status": LegalStatus.IN_FORCE,
    "provisions": [
        {
            "label": "118",
            "order": 10,
            "heading_en": "Offence — trafficking in persons",
            "heading_fr": "Infraction — trafic de personnes",
            "text_en": (
                "<p>Knowingly organizing the coming into Canada of one or more persons by means of abduction, "
                "fraud, deception or the use or threat of force or coercion.</p>"
            ),
            "text_fr": (
                "<p>Organiser sciemment l'entrée au Canada d'une ou plusieurs personnes par enlèvement, fraude, "
                "tromperie, menace ou usage de la force ou de toute autre forme de coercition.</p>"
            ),
            "offence_procedure": OffenceProcedure.INDICTABLE,
            "max_imprisonment_life": True,
            "max_fine": 1_000_000,
            "penalty_note_en": "A fine, life imprisonment, or both (penalty set by section 120).",
            "penalty_note_fr": "Une amende, l'emprisonnement à perpétuité, ou les deux (peine prévue à l'article 120).",
        },
    ],
}

INSTRUMENTS = (UNCTOC, SMUGGLING_PROTOCOL, TRAFFICKING_PROTOCOL, BILL_C49, CRIMINAL_CODE, IRPA)

RELATIONS = (
    ("smuggling", RelationKind.SUPPLEMENTS, "unctoc"),
    ("trafficking", RelationKind.SUPPLEMENTS, "unctoc"),
    ("c49", RelationKind.AMENDS, "criminal-code"),
    ("c49", RelationKind.RELATED, "trafficking"),
    ("irpa", RelationKind.RELATED, "trafficking"),
    ("irpa", RelationKind.RELATED, "smuggling"),
)


def _ensure_instrument(data, log):
    fields = {key: value for key, value in data.items() if key not in ("key", "provisions")}
    instrument = Instrument.objects.filter(slug_en=fields["slug_en"]).first()
    if instrument is not None:
        return instrument, False
    instrument = Instrument(status=Status.PUBLISHED, **fields)
    instrument.full_clean()
    instrument.save()
    for provision_fields in data["provisions"]:
        provision = Provision(instrument=instrument, **provision_fields)
        provision.full_clean()
        provision.save()
    log(f"Instrument created: {instrument.display_name} ({len(data['provisions'])} provisions)")
    return instrument, True


def load(*, log):
    by_key, created = {}, 0
    for data in INSTRUMENTS:
        by_key[data["key"]], is_new = _ensure_instrument(data, log)
        created += is_new
    for source, kind, target in RELATIONS:
        InstrumentRelation.objects.get_or_create(source=by_key[source], kind=kind, target=by_key[target])
    log(f"Legislation: {created} instruments created, {len(INSTRUMENTS) - created} already present.")


def reset():
    InstrumentRelation.objects.all().delete()
    Instrument.objects.all().delete()
