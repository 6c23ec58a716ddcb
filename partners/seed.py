"""The partner organizations the source text names (../shared/seed/), in English and French.

The source text names Public Safety (the working group's lead), the Department of Justice Canada and
its website on trafficking in persons, and the fora where Canada works against trafficking: the UN,
the Organization of American States, the G7, the Regional Conference on Migration, the OSCE and the
Bali Process. Everything below comes from that text, except the facts marked with the public source
they come from. A field is left empty rather than guessed.

Not seeded: the Department of Justice's website on trafficking in persons. Its last known address
(http://canada.justice.gc.ca/eng/fs-sv/tp/, in Justice Canada's 2010 overview of federal efforts)
could not be confirmed as current, so the record links to the department's website instead. Nor the
working group's other members: the last public list (the same 2010 overview: "17 departments and
agencies") cannot be confirmed as current.
"""

from iwgtip_site.publishing import Status

from .models import Organization, OrganizationKind, WorkingGroupRole

NBSP = "\u00a0"  # French typography: a non-breaking space before ":"

# The source text's sentence on Canada in international fora, said of each forum.
SOURCE_PARTICIPATION_EN = (
    "<p>Canada participates in {name} to share best practices and strategies to combat human trafficking.</p>"
)
SOURCE_PARTICIPATION_FR = (
    "<p>Le Canada participe {name} pour échanger des pratiques exemplaires et des stratégies de lutte contre "
    "la traite des personnes.</p>"
)


def _participation(english_name, french_name, extra_en="", extra_fr=""):
    """Canada's participation as the source text states it; `french_name` carries its preposition
    ("à l'Organisation...", "au G7")."""
    return {
        "canada_participation_en": SOURCE_PARTICIPATION_EN.format(name=english_name) + extra_en,
        "canada_participation_fr": SOURCE_PARTICIPATION_FR.format(name=french_name) + extra_fr,
    }


PUBLIC_SAFETY = {
    "name_en": "Public Safety Canada",
    "name_fr": "Sécurité publique Canada",
    # Acronyms as the department uses them: "Sécurité publique Canada (SP)",
    # https://www.securitepublique.gc.ca/cnt/bt/index-fr.aspx; "PS" on the English version of that page.
    "acronym_en": "PS",
    "acronym_fr": "SP",
    "slug_en": "public-safety-canada",
    "slug_fr": "securite-publique-canada",
    "kind": OrganizationKind.FEDERAL,
    "country_or_region_en": "Canada",
    "country_or_region_fr": "Canada",
    "working_group_role": WorkingGroupRole.LEAD,  # source text: "currently led by Public Safety"
    "summary_en": "Leads the Interdepartmental Working Group on Trafficking in Persons.",
    "summary_fr": "Dirige le Groupe de travail interministériel sur la traite des personnes.",
    "description_en": (
        "<p>The Interdepartmental Working Group on Trafficking in Persons (IWGTIP) is currently led by Public "
        "Safety, with representatives from key government departments and agencies. The working group is the "
        "focal point for information exchange between federal departments and agencies, and coordinates "
        "federal responses to trafficking in persons.</p>"
    ),
    "description_fr": (
        "<p>Le Groupe de travail interministériel sur la traite des personnes (GTITP) est actuellement dirigé "
        "par Sécurité publique et réunit des représentants des principaux ministères et organismes "
        "gouvernementaux. Le Groupe de travail est le point central de l'échange d'information entre les "
        "ministères et organismes fédéraux, et coordonne l'action fédérale contre la traite des personnes.</p>"
    ),
    # The department's own addresses, as it publishes them (https://www.publicsafety.gc.ca/cnt/bt/index-en.aspx,
    # https://www.securitepublique.gc.ca/cnt/bt/index-fr.aspx).
    "website_en": "https://www.publicsafety.gc.ca/",
    "website_fr": "https://www.securitepublique.gc.ca/",
}

JUSTICE = {
    "name_en": "Department of Justice Canada",
    "name_fr": "Ministère de la Justice Canada",  # the applied title, capitalized when it stands alone
    "slug_en": "department-of-justice-canada",
    "slug_fr": "ministere-de-la-justice-canada",
    "kind": OrganizationKind.FEDERAL,
    "country_or_region_en": "Canada",
    "country_or_region_fr": "Canada",
    # Justice Canada co-chaired the working group with Public Safety Canada: "The Working Group is chaired
    # by the Departments of Justice Canada and Public Safety Canada and comprises 17 departments and
    # agencies" (http://canada.justice.gc.ca/eng/fs-sv/tp/over-surv.html, 2010). The source text names
    # Public Safety alone as the lead today, so Justice is recorded as a member.
    "working_group_role": WorkingGroupRole.MEMBER,
    "summary_en": "Operates a website on trafficking in persons with the working group.",
    "summary_fr": "Exploite, avec le groupe de travail, un site Web sur la traite des personnes.",
    "description_en": (
        "<p>The Department of Justice Canada operates a website on trafficking in persons with the IWGTIP. "
        "The website details definitions of trafficking, domestic and international efforts to combat "
        "trafficking and help victims, resources, and links to partners involved in similar efforts.</p>"
    ),
    "description_fr": (
        "<p>Le ministère de la Justice Canada exploite, avec le GTITP, un site Web sur la traite des "
        "personnes. On y trouve les définitions de la traite, les efforts déployés au Canada et à l'étranger "
        "pour la combattre et pour aider les victimes, des ressources et des liens vers les partenaires qui "
        "mènent des efforts semblables.</p>"
    ),
    # The department's website, as it publishes it ("www.justice.gc.ca", in its departmental plans);
    # not the trafficking website, whose current address could not be confirmed (see above).
    "website_en": "https://www.justice.gc.ca/eng/",
    "website_fr": "https://www.justice.gc.ca/fra/",
}

UNITED_NATIONS = {
    "name_en": "United Nations",
    "name_fr": "Organisation des Nations Unies",
    "acronym_en": "UN",
    "acronym_fr": "ONU",
    "slug_en": "united-nations",
    "slug_fr": "organisation-des-nations-unies",
    "kind": OrganizationKind.INTERNATIONAL,
    "summary_en": (
        "Canada ratified its Convention against Transnational Organized Crime and the two protocols on migrant "
        "smuggling and trafficking in persons."
    ),
    "summary_fr": (
        "Le Canada a ratifié sa Convention contre la criminalité transnationale organisée et les deux protocoles "
        "sur le trafic illicite de migrants et la traite des personnes."
    ),
    **_participation(
        "the United Nations",
        "à l'Organisation des Nations Unies",
        extra_en=(
            "<p>Canada ratified the <em>United Nations Convention against Transnational Organized Crime</em> on "
            "May 13, 2002, and its two supplementary protocols: the <em>Protocol against the Smuggling of "
            "Migrants by Land, Sea and Air</em> and the <em>Protocol to Prevent, Suppress and Punish "
            "Trafficking in Persons, Especially Women and Children</em>. Canada played a leading role in the "
            "development of these agreements.</p>"
        ),
        extra_fr=(
            "<p>Le Canada a ratifié la <em>Convention des Nations Unies contre la criminalité transnationale "
            "organisée</em> le 13 mai 2002, ainsi que ses deux protocoles additionnels : le <em>Protocole contre "
            "le trafic illicite de migrants par terre, air et mer</em> et le <em>Protocole visant à prévenir, "
            "réprimer et punir la traite des personnes, en particulier des femmes et des enfants</em>. Le Canada "
            "a joué un rôle de premier plan dans l'élaboration de ces accords.</p>"
        ).replace(" :", f"{NBSP}:"),
    ),
    # The organization's own website (https://www.un.org/).
    "website_en": "https://www.un.org/en/",
    "website_fr": "https://www.un.org/fr/",
}

OAS = {
    "name_en": "Organization of American States",
    "name_fr": "Organisation des États américains",
    "acronym_en": "OAS",
    "acronym_fr": "OEA",
    "slug_en": "organization-of-american-states",
    "slug_fr": "organisation-des-etats-americains",
    "kind": OrganizationKind.INTERNATIONAL,
    # "members - (35)" the independent states of the Americas, Canada among them (The World Factbook,
    # "Organization of American States (OAS)", as republished at
    # https://relief.unboundmedicine.com/relief/view/The-World-Factbook/563656/0/Organization_of_American_States__OAS_).
    "country_or_region_en": "Americas",
    "country_or_region_fr": "Amériques",
    **_participation("the Organization of American States", "à l'Organisation des États américains"),
    "website_en": "https://www.oas.org/en/",
    "website_fr": "https://www.oas.org/fr/",
}

G7 = {
    "name_en": "G7",
    "name_fr": "G7",
    "slug_en": "g7",
    "slug_fr": "g7",
    "kind": OrganizationKind.FORUM,
    **_participation("the G7", "au G7"),
    # Website left empty: the G7 has no permanent secretariat, and no single official address could be
    # confirmed (each year's presidency publishes its own site).
}

REGIONAL_CONFERENCE_ON_MIGRATION = {
    "name_en": "Regional Conference on Migration",
    "name_fr": "Conférence régionale sur les migrations",
    "acronym_en": "RCM",
    "acronym_fr": "CRM",
    "slug_en": "regional-conference-on-migration",
    "slug_fr": "conference-regionale-sur-les-migrations",
    "kind": OrganizationKind.FORUM,
    # "Region: North and Central America" (International Organization for Migration,
    # https://www.iom.int/puebla-process).
    "country_or_region_en": "North and Central America",
    "country_or_region_fr": "Amérique du Nord et Amérique centrale",
    # Also called the Puebla Process; its member countries, Canada among them:
    # https://portal.crmsv.org/en/about-us and https://crmsv.org/en/about-us.
    "summary_en": "A regional forum on migration, also known as the Puebla Process.",
    "summary_fr": "Un forum régional sur les migrations, aussi appelé Processus de Puebla.",
    **_participation(
        "the Regional Conference on Migration",
        "à la Conférence régionale sur les migrations",
        extra_en=(
            "<p>Canada is one of the Conference's eleven member countries, with Belize, Costa Rica, the "
            "Dominican Republic, El Salvador, Guatemala, Honduras, Mexico, Nicaragua, Panama and the United "
            "States.</p>"
        ),
        extra_fr=(
            "<p>Le Canada est l'un des onze pays membres de la Conférence, avec le Belize, le Costa Rica, El "
            "Salvador, les États-Unis, le Guatemala, le Honduras, le Mexique, le Nicaragua, le Panama et la "
            "République dominicaine.</p>"
        ),
    ),
    # The forum's website has no French version: the French page links to the English one and says so.
    "website_en": "https://crmsv.org/en",
}

OSCE = {
    "name_en": "Organization for Security and Co-operation in Europe",
    "name_fr": "Organisation pour la sécurité et la coopération en Europe",
    "acronym_en": "OSCE",
    "acronym_fr": "OSCE",
    "slug_en": "organization-for-security-and-co-operation-in-europe",
    "slug_fr": "organisation-pour-la-securite-et-la-cooperation-en-europe",
    "kind": OrganizationKind.INTERNATIONAL,
    # "57 participating States from Europe, Central Asia, and North America"
    # (United States Institute of Peace, http://react.usip.org/pub/m1/p13.html; Ireland's Department of
    # Foreign Affairs, https://dfa.ie/osce/osce-overview/osce-overview/).
    "country_or_region_en": "Europe, Central Asia and North America",
    "country_or_region_fr": "Europe, Asie centrale et Amérique du Nord",
    **_participation(
        "the Organization for Security and Co-operation in Europe",
        "à l'Organisation pour la sécurité et la coopération en Europe",
    ),
    "website_en": "https://www.osce.org/",
}

BALI_PROCESS = {
    "name_en": "Bali Process",
    "name_fr": "Processus de Bali",
    "slug_en": "bali-process",
    "slug_fr": "processus-de-bali",
    "kind": OrganizationKind.FORUM,
    # Its full name, its region and its co-chairs, from its own website (https://www.baliprocess.net/):
    # "The Bali Process, co-chaired by Indonesia and Australia", "across the Asia-Pacific region".
    "country_or_region_en": "Asia-Pacific",
    "country_or_region_fr": "Asie-Pacifique",
    "summary_en": (
        "A forum on people smuggling, trafficking in persons and related transnational crime, co-chaired by "
        "Indonesia and Australia."
    ),
    "summary_fr": (
        "Un forum sur le passage de clandestins, la traite des personnes et la criminalité transnationale qui "
        "y est associée, coprésidé par l'Indonésie et l'Australie."
    ),
    **_participation("the Bali Process", "au Processus de Bali"),
    "website_en": "https://www.baliprocess.net/",
}

ORGANIZATIONS = (
    PUBLIC_SAFETY,
    JUSTICE,
    UNITED_NATIONS,
    OAS,
    G7,
    REGIONAL_CONFERENCE_ON_MIGRATION,
    OSCE,
    BALI_PROCESS,
)


# Which seeded legislation each organization is responsible for (English slugs of both ends). The Minister of
# Justice is responsible for the Criminal Code: "Laws for which the Minister of Justice is responsible",
# https://www.justice.gc.ca/eng/csj-sjc/just/05.html
RESPONSIBILITIES = {"department-of-justice-canada": ["criminal-code"]}


def _link_responsibilities(log):
    """Link organizations to the legislation they are responsible for, unless staff already did.
    The legislation model is reached through the relation: this app imports no other."""
    instruments = Organization.responsible_for.field.related_model.objects
    for organization_slug, instrument_slugs in RESPONSIBILITIES.items():
        organization = Organization.objects.filter(slug_en=organization_slug).first()
        if organization is None or organization.responsible_for.exists():
            continue
        linked = instruments.filter(slug_en__in=instrument_slugs)
        organization.responsible_for.add(*linked)
        log(f"{organization.name_en} is responsible for: {', '.join(str(item) for item in linked)}")


def load(*, log):
    created = 0
    for fields in ORGANIZATIONS:
        # Found by its English slug: a record staff renamed or edited is left as it is.
        if Organization.objects.filter(slug_en=fields["slug_en"]).exists():
            continue
        organization = Organization(status=Status.PUBLISHED, **fields)
        organization.full_clean()
        organization.save()
        created += 1
        log(f"Organization created: {organization.name_en}")
    _link_responsibilities(log)
    log(f"Partners: {created} created, {len(ORGANIZATIONS) - created} already present.")


def reset():
    """Delete every organization (django-cleanup deletes their logos once the transaction commits)."""
    Organization.objects.all().delete()
