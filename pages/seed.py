"""The content pages, from the source text the site was commissioned from (../shared/seed/).

Every section of that text is a page here. The English follows the source (two slips corrected:
"deception or fraud", "Organization of American States"); the French is the project's own.
Links on "International sites" go to each organization's official website (the source of each
address is the organization itself, named beside it).
"""

from iwgtip_site.publishing import Status

from .models import Page

NBSP = "\u00a0"  # French typography: a non-breaking space before ":" and ";"

HOME = {
    "title_en": "Human trafficking and migrant smuggling",
    "title_fr": "La traite des personnes et le passage de clandestins",
    "summary_en": ("How Canada and the international community act against human trafficking and migrant smuggling."),
    "summary_fr": (
        "Comment le Canada et la communauté internationale agissent contre la traite des personnes "
        "et le passage de clandestins."
    ),
    "body_en": (
        "<p>Each year, hundreds of thousands of migrants are moved illegally by highly organized "
        "international smuggling and trafficking groups, often in dangerous or inhumane conditions. "
        "This phenomenon has been growing in recent years, but Canada, alongside the international "
        "community, is taking decisive action to halt these serious criminal activities.</p>"
    ),
    "body_fr": (
        "<p>Chaque année, des centaines de milliers de migrants sont déplacés illégalement par des "
        "groupes internationaux de passeurs et de trafiquants très organisés, souvent dans des "
        "conditions dangereuses ou inhumaines. Ce phénomène a pris de l'ampleur ces dernières années, "
        "mais le Canada, aux côtés de la communauté internationale, prend des mesures décisives pour "
        "mettre fin à ces graves activités criminelles.</p>"
    ),
}

DIFFERENCE = {
    "title_en": "Difference between migrant smuggling and human trafficking",
    "title_fr": "La différence entre le passage de clandestins et la traite des personnes",
    "slug_en": "smuggling-and-trafficking",
    "slug_fr": "passage-de-clandestins-et-traite",
    "summary_en": "Smuggling is a transaction between willing parties; trafficking is a violation of human rights.",
    "summary_fr": (
        "Le passage de clandestins est une transaction entre parties consentantes; la traite des personnes "
        "est une violation des droits de la personne."
    ),
    "body_en": (
        "<p>Human smuggling is a business transaction between two willing parties involving movement across "
        "borders, usually by illegal means. It occurs with the consent of the person or persons smuggled, "
        "and the transaction usually ends upon arrival.</p>"
        "<p>Human trafficking is a violation of basic human rights which can occur across and within "
        "borders. It starts when one party deprives another party of the freedom of choice by using "
        "threats, force, coercion, deception or fraud for the purpose of exploitation (that is, putting "
        "another party into slavery-like conditions).</p>"
        "<p>Despite these differences, smuggled persons may become victims of human trafficking at any "
        "point in the smuggling process, which makes initial consent irrelevant for prosecution. These "
        "victims can be found in the sex trade industry, domestic servitude, agricultural work, massage "
        "parlours, child labour and elsewhere.</p>"
        "<table><caption>At a glance</caption>"
        '<thead><tr><td></td><th scope="col">Migrant smuggling</th>'
        '<th scope="col">Human trafficking</th></tr></thead><tbody>'
        '<tr><th scope="row">Nature</th><td>A business transaction between two willing parties</td>'
        "<td>A violation of basic human rights</td></tr>"
        '<tr><th scope="row">Consent</th><td>Occurs with the consent of the person smuggled</td>'
        "<td>The victim is deprived of the freedom of choice by threats, force, coercion, deception or "
        "fraud</td></tr>"
        '<tr><th scope="row">Borders</th><td>Movement across borders, usually by illegal means</td>'
        "<td>Can occur across and within borders</td></tr>"
        '<tr><th scope="row">Purpose and end</th><td>Usually ends upon arrival</td>'
        "<td>Exploitation: slavery-like conditions</td></tr>"
        "</tbody></table>"
    ),
    "body_fr": (
        "<p>Le passage de clandestins est une transaction commerciale entre deux parties consentantes qui "
        "implique un déplacement au-delà des frontières, habituellement par des moyens illégaux. Il se "
        "fait avec le consentement de la personne ou des personnes transportées, et la transaction prend "
        "habituellement fin à l'arrivée.</p>"
        "<p>La traite des personnes est une violation des droits fondamentaux de la personne, qui peut se "
        "produire au-delà des frontières comme à l'intérieur de celles-ci. Elle commence lorsqu'une "
        "partie prive une autre partie de sa liberté de choix en recourant à la menace, à la force, à la "
        "contrainte, à la tromperie ou à la fraude, à des fins d'exploitation (c'est-à-dire pour la "
        "soumettre à des conditions qui s'apparentent à l'esclavage).</p>"
        "<p>Malgré ces différences, les personnes qui font l'objet d'un passage clandestin peuvent devenir "
        "victimes de la traite à n'importe quelle étape du processus, ce qui rend leur consentement "
        "initial sans pertinence aux fins des poursuites. Ces victimes se trouvent notamment dans "
        "l'industrie du sexe, la servitude domestique, le travail agricole, les salons de massage et le "
        "travail des enfants.</p>"
        "<table><caption>En un coup d'œil</caption>"
        '<thead><tr><td></td><th scope="col">Passage de clandestins</th>'
        '<th scope="col">Traite des personnes</th></tr></thead><tbody>'
        '<tr><th scope="row">Nature</th><td>Une transaction commerciale entre deux parties '
        "consentantes</td><td>Une violation des droits fondamentaux de la personne</td></tr>"
        '<tr><th scope="row">Consentement</th><td>Se fait avec le consentement de la personne '
        "transportée</td><td>La victime est privée de sa liberté de choix par la menace, la force, la "
        "contrainte, la tromperie ou la fraude</td></tr>"
        '<tr><th scope="row">Frontières</th><td>Déplacement au-delà des frontières, habituellement par '
        "des moyens illégaux</td><td>Peut se produire au-delà des frontières comme à l'intérieur de "
        "celles-ci</td></tr>"
        '<tr><th scope="row">But et fin</th><td>Prend habituellement fin à l\'arrivée</td>'
        f"<td>L'exploitation{NBSP}: des conditions qui s'apparentent à l'esclavage</td></tr>"
        "</tbody></table>"
    ),
}

CANADIAN_INITIATIVES = {
    "title_en": "Canadian initiatives",
    "title_fr": "Initiatives canadiennes",
    "slug_en": "canadian-initiatives",
    "slug_fr": "initiatives-canadiennes",
    "summary_en": (
        "The federal response to trafficking in persons: the interdepartmental working group, Canadian "
        "law, and the Department of Justice's resources."
    ),
    "summary_fr": (
        "L'action fédérale contre la traite des personnes : le groupe de travail interministériel, les "
        "lois canadiennes et les ressources du ministère de la Justice."
    ).replace(" :", f"{NBSP}:"),
}

WORKING_GROUP = {
    "title_en": "Interdepartmental Working Group on Trafficking in Persons",
    "title_fr": "Groupe de travail interministériel sur la traite des personnes",
    "slug_en": "working-group",
    "slug_fr": "groupe-de-travail",
    "summary_en": "The focal point of the federal response to trafficking in persons, led by Public Safety.",
    "summary_fr": (
        "Le point central de l'action fédérale contre la traite des personnes, dirigé par Sécurité publique."
    ),
    "body_en": (
        "<p>A complex and multi-faceted problem such as human trafficking requires a multi-sectoral "
        "response. An Interdepartmental Working Group (IWGTIP) serves as the focal point for information "
        "exchange between federal departments and agencies and coordinates federal responses to "
        "anti-trafficking in persons efforts. The Working Group is currently led by Public Safety, with "
        "representatives from key government departments and agencies.</p>"
        "<p>An example of IWGTIP work is a multilingual (14 languages) anti-trafficking pamphlet to warn "
        "potential trafficking victims of the dangers of human traffickers and to inform them of Canadian "
        "laws. It was issued through Canadian missions abroad, and to non-governmental organizations with "
        "access to potential trafficking victims abroad.</p>"
    ),
    "body_fr": (
        "<p>Un problème aussi complexe et multiforme que la traite des personnes exige une intervention "
        "multisectorielle. Un groupe de travail interministériel (GTITP) sert de point central pour "
        "l'échange d'information entre les ministères et organismes fédéraux, et coordonne l'action "
        "fédérale de lutte contre la traite des personnes. Le Groupe de travail est actuellement dirigé "
        "par Sécurité publique et réunit des représentants des principaux ministères et organismes "
        "gouvernementaux.</p>"
        "<p>Parmi les travaux du GTITP figure un dépliant multilingue (14 langues) contre la traite des "
        "personnes, qui met en garde les victimes potentielles contre les dangers que représentent les "
        "trafiquants et les informe des lois canadiennes. Il a été distribué par l'entremise des missions "
        "canadiennes à l'étranger et remis à des organisations non gouvernementales ayant accès à des "
        "victimes potentielles de la traite à l'étranger.</p>"
    ),
}

CANADIAN_LAW = {
    "title_en": "Canadian law against trafficking",
    "title_fr": "Les lois canadiennes contre la traite des personnes",
    "slug_en": "canadian-law",
    "slug_fr": "lois-canadiennes",
    "summary_en": (
        "Bill C-49's trafficking offences, the other Criminal Code offences that apply, and the trafficking "
        "offence in the Immigration and Refugee Protection Act."
    ),
    "summary_fr": (
        "Les infractions de traite créées par le projet de loi C-49, les autres infractions du Code criminel "
        "qui s'appliquent et l'infraction de traite prévue par la Loi sur l'immigration et la protection "
        "des réfugiés."
    ),
    "body_en": (
        "<p>Bill C-49, <em>An Act to amend the Criminal Code (trafficking in persons)</em>, came into force "
        "on November 25, 2005. Bill C-49 creates three new indictable offences specifically to address "
        "human trafficking, which can be used by law enforcement to address this crime.</p>"
        "<p>Many <em>Criminal Code</em> offences also apply to trafficking in persons. These include "
        "kidnapping, extortion, forcible confinement, conspiracy, controlling or living off the avails of "
        "prostitution, and organized crime offences.</p>"
        "<p>In addition to the <em>Criminal Code</em>, there is a specific offence against human "
        "trafficking in the <em>Immigration and Refugee Protection Act</em> (IRPA). The trafficking offence "
        "(s. 118) carries severe penalties: fines of up to $1 million and imprisonment for up to life.</p>"
    ),
    "body_fr": (
        "<p>Le projet de loi C-49, <em>Loi modifiant le Code criminel (traite des personnes)</em>, est "
        "entré en vigueur le 25 novembre 2005. Il crée trois nouvelles infractions punissables par mise en "
        "accusation qui visent précisément la traite des personnes, et dont les forces de l'ordre peuvent "
        "se servir pour lutter contre ce crime.</p>"
        "<p>De nombreuses infractions du <em>Code criminel</em> s'appliquent aussi à la traite des "
        "personnes, notamment l'enlèvement, l'extorsion, la séquestration, le complot, le contrôle de la "
        "prostitution d'autrui ou le fait de vivre de ses produits, ainsi que les infractions relatives aux "
        "organisations criminelles.</p>"
        "<p>En plus du <em>Code criminel</em>, la <em>Loi sur l'immigration et la protection des "
        "réfugiés</em> (LIPR) prévoit une infraction qui vise précisément la traite des personnes. Cette "
        f"infraction (article 118) est assortie de peines sévères{NBSP}: une amende maximale d'un million "
        "de dollars et l'emprisonnement à perpétuité.</p>"
    ),
}

JUSTICE = {
    "title_en": "The Department of Justice",
    "title_fr": "Le ministère de la Justice",
    "slug_en": "department-of-justice",
    "slug_fr": "ministere-de-la-justice",
    "summary_en": "The Department of Justice Canada's website on trafficking in persons.",
    "summary_fr": "Le site Web du ministère de la Justice Canada sur la traite des personnes.",
    "body_en": (
        "<p>The Department of Justice Canada operates a website on trafficking in persons with the IWGTIP. "
        "The website details definitions of trafficking, domestic and international efforts to combat "
        "trafficking and help victims, resources, and links to partners involved in similar efforts.</p>"
    ),
    "body_fr": (
        "<p>Le ministère de la Justice Canada exploite, avec le GTITP, un site Web sur la traite des "
        "personnes. On y trouve les définitions de la traite, les efforts déployés au Canada et à "
        "l'étranger pour la combattre et pour aider les victimes, des ressources et des liens vers les "
        "partenaires qui mènent des efforts semblables.</p>"
    ),
}

INTERNATIONAL_INITIATIVES = {
    "title_en": "International initiatives",
    "title_fr": "Initiatives internationales",
    "slug_en": "international-initiatives",
    "slug_fr": "initiatives-internationales",
    "summary_en": (
        "The United Nations Convention against Transnational Organized Crime, its two protocols, and "
        "Canada's work with other countries."
    ),
    "summary_fr": (
        "La Convention des Nations Unies contre la criminalité transnationale organisée, ses deux "
        "protocoles et le travail du Canada avec d'autres pays."
    ),
    "body_en": (
        "<p>The role of transnational organized crime in the trafficking of people and the smuggling of "
        "migrants is growing. As smuggling and trafficking-related activities take place in numerous "
        "countries, governments cannot successfully combat these offences in isolation. In addition, many "
        "countries lack specific provisions to deal adequately with these issues. For this reason, the "
        "international community has begun a concerted effort to thwart international criminal "
        "networks.</p>"
        "<p>Canada ratified the <em>United Nations Convention against Transnational Organized Crime</em> "
        '(<abbr title="United Nations Convention against Transnational Organized Crime">UNCTOC</abbr>) '
        "on May 13, 2002, which officially entered into force on September 29, 2003. The Convention extends "
        "tools for co-operation against organized crime to a global level, supporting international "
        "information sharing and law enforcement co-operation.</p>"
        "<p>Canada also ratified two supplementary protocols to the UNCTOC:</p>"
        "<ul><li>the <em>Protocol against the Smuggling of Migrants by Land, Sea and Air</em></li>"
        "<li>the <em>Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and "
        "Children</em></li></ul>"
        "<p>Both protocols offer improved legal and judicial tools to prevent and combat smuggling and "
        "trafficking, enhance information sharing and promote co-operation among States in order to "
        "achieve these objectives. Of particular importance, the Trafficking Protocol expands the scope of "
        "protection and support to victims and witnesses. Canada played a leading role in the development "
        "of these agreements and is actively encouraging other States to ratify and implement them "
        "quickly.</p>"
        "<p>Guided by international guidelines, Canada takes a multi-pronged response to combating human "
        "trafficking, including prevention of trafficking, protection of victims and prosecution of "
        "offenders.</p>"
        "<p>Canada exercises leadership in combating trafficking in persons internationally, including by "
        "sponsoring projects to prevent and raise awareness of the risks of human trafficking in regions "
        "such as Southeast Asia, Eastern Europe, Central America and the Caribbean. Canada also "
        "participates in a variety of fora where we share best practices and strategies to combat human "
        "trafficking, including the United Nations, the Organization of American States, the G7, the "
        "Regional Conference on Migration, the Organization for Security and Co-operation in Europe, and "
        "the Bali Process.</p>"
    ),
    "body_fr": (
        "<p>Le crime organisé transnational joue un rôle croissant dans la traite des personnes et le "
        "passage de clandestins. Comme les activités liées au passage de clandestins et à la traite se "
        "déroulent dans de nombreux pays, les gouvernements ne peuvent pas lutter efficacement contre ces "
        "infractions chacun de son côté. En outre, de nombreux pays n'ont pas de dispositions précises "
        "pour traiter adéquatement ces questions. C'est pourquoi la communauté internationale a entrepris "
        "un effort concerté pour contrecarrer les réseaux criminels internationaux.</p>"
        "<p>Le Canada a ratifié la <em>Convention des Nations Unies contre la criminalité transnationale "
        "organisée</em> le 13 mai 2002; la Convention est officiellement entrée en vigueur le "
        "29 septembre 2003. Elle étend à l'échelle mondiale les outils de coopération contre le crime "
        "organisé, en favorisant l'échange international d'information et la coopération entre les "
        "services de police.</p>"
        f"<p>Le Canada a également ratifié deux protocoles additionnels à la Convention{NBSP}:</p>"
        "<ul><li>le <em>Protocole contre le trafic illicite de migrants par terre, air et mer</em>;</li>"
        "<li>le <em>Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier "
        "des femmes et des enfants</em>.</li></ul>"
        "<p>Les deux protocoles offrent de meilleurs outils juridiques et judiciaires pour prévenir et "
        "combattre le trafic illicite de migrants et la traite des personnes, améliorent l'échange "
        "d'information et favorisent la coopération entre les États afin d'atteindre ces objectifs. Fait "
        "particulièrement important, le Protocole relatif à la traite des personnes élargit la protection "
        "et le soutien offerts aux victimes et aux témoins. Le Canada a joué un rôle de premier plan dans "
        "l'élaboration de ces accords et encourage activement les autres États à les ratifier et à les "
        "mettre en œuvre rapidement.</p>"
        "<p>Guidé par les lignes directrices internationales, le Canada mène une action à plusieurs volets "
        f"pour combattre la traite des personnes, notamment{NBSP}: la prévention de la traite, la "
        "protection des victimes et la poursuite des contrevenants.</p>"
        "<p>Le Canada fait preuve de leadership dans la lutte internationale contre la traite des "
        "personnes, notamment en parrainant des projets de prévention et de sensibilisation aux risques de "
        "la traite dans des régions comme l'Asie du Sud-Est, l'Europe de l'Est, l'Amérique centrale et les "
        "Caraïbes. Le Canada participe aussi à divers forums où il échange des pratiques exemplaires et des "
        "stratégies de lutte contre la traite des personnes, notamment l'Organisation des Nations Unies, "
        "l'Organisation des États américains, le G7, la Conférence régionale sur les migrations, "
        "l'Organisation pour la sécurité et la coopération en Europe et le Processus de Bali.</p>"
    ),
}

# Addresses: each organization's own official website, as published by that organization.
INTERNATIONAL_SITES = {
    "title_en": "International sites",
    "title_fr": "Sites internationaux",
    "slug_en": "international-sites",
    "slug_fr": "sites-internationaux",
    "summary_en": "Websites of the international organizations and fora where Canada works against trafficking.",
    "summary_fr": (
        "Les sites Web des organisations et forums internationaux où le Canada lutte contre la traite des personnes."
    ),
    "body_en": (
        "<ul>"
        '<li><a href="https://www.unodc.org/unodc/en/human-trafficking/index.html">United Nations Office on '
        "Drugs and Crime: human trafficking and migrant smuggling</a></li>"
        '<li><a href="https://www.oas.org/en/">Organization of American States</a></li>'
        '<li><a href="https://crmsv.org/en">Regional Conference on Migration</a></li>'
        '<li><a href="https://www.osce.org/">Organization for Security and Co-operation in Europe</a></li>'
        '<li><a href="https://www.baliprocess.net/">The Bali Process</a></li>'
        "</ul>"
    ),
    "body_fr": (
        "<ul>"
        '<li><a href="https://www.unodc.org/unodc/en/human-trafficking/index.html" hreflang="en">Office '
        "des Nations Unies contre la drogue et le crime : traite des personnes et trafic illicite de "
        "migrants</a> (en anglais)</li>"
        '<li><a href="https://www.oas.org/fr/">Organisation des États américains</a></li>'
        '<li><a href="https://crmsv.org/en" hreflang="en">Conférence régionale sur les migrations</a> '
        "(en anglais)</li>"
        '<li><a href="https://www.osce.org/" hreflang="en">Organisation pour la sécurité et la '
        "coopération en Europe</a> (en anglais)</li>"
        '<li><a href="https://www.baliprocess.net/" hreflang="en">Le Processus de Bali</a> '
        "(en anglais)</li>"
        "</ul>"
    ).replace(" :", f"{NBSP}:"),
}

# The tree: (page, sort order, children).
TREE = (
    HOME,
    [
        (DIFFERENCE, 10, []),
        (CANADIAN_INITIATIVES, 20, [(WORKING_GROUP, 10, []), (CANADIAN_LAW, 20, []), (JUSTICE, 30, [])]),
        (INTERNATIONAL_INITIATIVES, 30, []),
        (INTERNATIONAL_SITES, 40, []),
    ],
)


def _ensure(fields, parent, sort_order, log):
    if parent is None:
        page = Page.objects.filter(parent__isnull=True).first()
    else:
        page = Page.objects.filter(parent=parent, slug_en=fields["slug_en"]).first()
    if page is not None:
        return page, False
    page = Page(parent=parent, sort_order=sort_order, status=Status.PUBLISHED, **fields)
    page.full_clean()
    page.save()
    log(f"Page created: {page.title_en}")
    return page, True


def _load_children(parent, children, log):
    created = 0
    for fields, sort_order, grandchildren in children:
        page, is_new = _ensure(fields, parent, sort_order, log)
        created += is_new + _load_children(page, grandchildren, log)
    return created


def load(*, log):
    root_fields, children = TREE
    root, root_is_new = _ensure(root_fields, None, 0, log)
    created = root_is_new + _load_children(root, children, log)
    log(f"Pages: {created} created, {Page.objects.count() - created} already present.")


def reset():
    """Delete every page, deepest first (a page protects its children from a cascade)."""
    for depth in sorted(set(Page.objects.values_list("depth", flat=True)), reverse=True):
        Page.objects.filter(depth=depth).delete()
