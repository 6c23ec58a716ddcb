"""The anti-trafficking pamphlet, from the source text the site was commissioned from (../shared/seed/):
"a multilingual (14 languages) anti-trafficking pamphlet to warn potential trafficking victims of the
dangers of human traffickers and to inform them of Canadian laws. It was issued through Canadian
missions abroad, and to non-governmental organizations with access to potential trafficking victims
abroad." Its title, summary and text below are written from that source text only (the law is the
source's own section on Canadian law); the French is the project's own.

The source does not say which 14 languages the pamphlet is issued in, and the real PDF files are not
available. So the 14 languages below are illustrative (English and French, right-to-left Arabic and
Persian, Chinese and Korean, and languages of the regions the source names: Southeast Asia, Eastern
Europe, Central America and the Caribbean): staff replace them with the real ones. Each edition gets a
generated sample PDF that says, on every page, that it is a sample and not the real pamphlet.
"""

from datetime import UTC, datetime

from django.core.files.base import ContentFile
from fpdf import FPDF

from iwgtip_site.publishing import Status

from .models import Edition, Language, Pamphlet, TextDirection
from .services import edition_store_file

NBSP = "\u00a0"  # French typography: a non-breaking space before ":"

# (BCP 47 tag, English name, French name, endonym, direction). Names and endonyms are those of the
# Unicode CLDR (version 49: https://cldr.unicode.org/ , the language display names of the en, fr and
# each language's own locale; zh-Hans is "简体中文" in the zh-Hans locale).
LANGUAGES = (
    ("en", "English", "anglais", "English", TextDirection.LTR),
    ("fr", "French", "français", "français", TextDirection.LTR),
    ("es", "Spanish", "espagnol", "español", TextDirection.LTR),
    ("pt", "Portuguese", "portugais", "português", TextDirection.LTR),
    ("ht", "Haitian Creole", "créole haïtien", "Kreyòl Ayisyen", TextDirection.LTR),
    ("ru", "Russian", "russe", "русский", TextDirection.LTR),
    ("uk", "Ukrainian", "ukrainien", "українська", TextDirection.LTR),
    ("ro", "Romanian", "roumain", "română", TextDirection.LTR),
    ("ar", "Arabic", "arabe", "العربية", TextDirection.RTL),
    ("fa", "Persian", "persan", "فارسی", TextDirection.RTL),
    ("zh-Hans", "Simplified Chinese", "chinois simplifié", "简体中文", TextDirection.LTR),
    ("ko", "Korean", "coréen", "한국어", TextDirection.LTR),
    ("th", "Thai", "thaï", "ไทย", TextDirection.LTR),
    ("vi", "Vietnamese", "vietnamien", "Tiếng Việt", TextDirection.LTR),
)

PAMPHLET = {
    "title_en": "Anti-trafficking pamphlet",
    "title_fr": "Dépliant contre la traite des personnes",
    "slug_en": "anti-trafficking-pamphlet",
    "slug_fr": "depliant-contre-la-traite",
    "summary_en": (
        "A pamphlet in 14 languages that warns potential victims of the dangers of human traffickers and "
        "informs them of Canadian laws."
    ),
    "summary_fr": (
        "Un dépliant en 14 langues qui met en garde les victimes potentielles contre les dangers que "
        "présentent les trafiquants de personnes et qui les informe des lois canadiennes."
    ),
    "body_en": (
        "<p>The Interdepartmental Working Group on Trafficking in Persons (IWGTIP) produced this pamphlet, "
        "in 14 languages, to warn potential trafficking victims of the dangers of human traffickers and to "
        "inform them of Canadian laws. It was issued through Canadian missions abroad, and to "
        "non-governmental organizations with access to potential trafficking victims abroad.</p>"
        "<h3>What human trafficking is</h3>"
        "<p>Human trafficking is a violation of basic human rights which can occur across and within "
        "borders. It starts when one party deprives another party of the freedom of choice by using "
        "threats, force, coercion, deception or fraud for the purpose of exploitation, that is, putting "
        "another party into slavery-like conditions.</p>"
        "<p>People who are smuggled across a border may become victims of human trafficking at any point "
        "in the smuggling process: having agreed to the journey at first changes nothing. Victims can be "
        "found in the sex trade industry, domestic servitude, agricultural work, massage parlours, child "
        "labour and elsewhere.</p>"
        "<h3>What Canadian law says</h3>"
        "<ul>"
        "<li>Human trafficking is a crime under the <em>Criminal Code</em>. Bill C-49, which came into "
        "force on November 25, 2005, created three indictable offences specifically to address human "
        "trafficking.</li>"
        "<li>Many other <em>Criminal Code</em> offences also apply to trafficking in persons, including "
        "kidnapping, extortion, forcible confinement, conspiracy and organized crime offences.</li>"
        "<li>The <em>Immigration and Refugee Protection Act</em> (IRPA) also makes human trafficking an "
        "offence (section 118), with severe penalties: fines of up to $1 million and imprisonment for up "
        "to life.</li>"
        "</ul>"
    ),
    "body_fr": (
        "<p>Le Groupe de travail interministériel sur la traite des personnes (GTITP) a produit ce "
        "dépliant, en 14 langues, pour mettre en garde les victimes potentielles de la traite contre les "
        "dangers que présentent les trafiquants de personnes et pour les informer des lois canadiennes. Il "
        "a été distribué par l'entremise des missions canadiennes à l'étranger et remis à des "
        "organisations non gouvernementales en contact avec des victimes potentielles de la traite à "
        "l'étranger.</p>"
        "<h3>Qu'est-ce que la traite des personnes?</h3>"
        "<p>La traite des personnes est une violation des droits fondamentaux de la personne, qui peut se "
        "produire d'un pays à l'autre comme à l'intérieur d'un même pays. Elle commence lorsqu'une personne "
        "en prive une autre de sa liberté de choix par des menaces, la force, la coercition, la tromperie "
        "ou la fraude, à des fins d'exploitation, c'est-à-dire pour la réduire à des conditions "
        "semblables à l'esclavage.</p>"
        "<p>Les personnes qui font appel à des passeurs pour franchir une frontière peuvent devenir "
        f"victimes de la traite à tout moment du trajet{NBSP}: avoir d'abord accepté le voyage n'y change "
        "rien. On trouve des victimes dans l'industrie du sexe, la servitude domestique, le travail "
        "agricole, les salons de massage, le travail des enfants et ailleurs.</p>"
        "<h3>Ce que prévoit la loi canadienne</h3>"
        "<ul>"
        "<li>La traite des personnes est un crime au sens du <em>Code criminel</em>. Le projet de loi "
        "C-49, entré en vigueur le 25 novembre 2005, a créé trois infractions punissables par mise en "
        "accusation qui visent précisément la traite des personnes.</li>"
        "<li>De nombreuses autres infractions du <em>Code criminel</em> s'appliquent aussi à la traite des "
        "personnes, notamment l'enlèvement, l'extorsion, la séquestration, le complot et les infractions "
        "relatives aux organisations criminelles.</li>"
        "<li>La <em>Loi sur l'immigration et la protection des réfugiés</em> (LIPR) fait aussi de la "
        f"traite des personnes une infraction (article 118), assortie de peines sévères{NBSP}: une amende "
        "maximale d'un million de dollars et l'emprisonnement à perpétuité.</li>"
        "</ul>"
    ),
}

SAMPLE_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # fixed, so the same sample always has the same checksum


def sample_pdf(*, title_en, title_fr, language_en, language_fr, code):
    """A real, valid two-page PDF (fpdf2) that says what it stands in for, and that it is a sample.

    Core PDF fonts cover Latin-1 only, so the language is named in English and French, not in its
    own script."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(SAMPLE_DATE)
    pdf.set_title(f"SAMPLE - {title_en} ({code})")
    pdf.set_subject("Sample file, not the real pamphlet / Fichier d'exemple, pas le vrai dépliant")
    pdf.set_lang("en-CA")
    pdf.set_auto_page_break(auto=True, margin=20)
    pages = (
        (
            ("B", 26, "SAMPLE - not the real pamphlet"),
            ("B", 20, "EXEMPLE - pas le vrai dépliant"),
            ("", 16, ""),
            ("B", 18, title_en),
            ("B", 18, title_fr),
            ("", 16, ""),
            ("", 16, f"Language / Langue : {language_en} / {language_fr} ({code})"),
        ),
        (
            ("B", 16, "SAMPLE - not the real pamphlet / EXEMPLE - pas le vrai dépliant"),
            ("", 13, ""),
            ("", 13, f"This sample file stands in for the {language_en} edition of the pamphlet, which is "
                     "not available to this website yet. Staff replace it with the real file."),
            ("", 13, ""),
            ("", 13, f"Ce fichier d'exemple remplace l'édition en {language_fr} du dépliant, qui n'est "
                     "pas encore disponible pour ce site Web. Le personnel le remplacera par le vrai fichier."),
        ),
    )  # fmt: skip
    for lines in pages:
        pdf.add_page()
        for style, size, text in lines:
            pdf.set_font("Helvetica", style=style, size=size)
            pdf.multi_cell(0, size * 0.6, text or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _languages(log):
    created = 0
    languages = {}
    for code, name_en, name_fr, endonym, direction in LANGUAGES:
        language, is_new = Language.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_fr": name_fr, "endonym": endonym, "direction": direction}
        )
        languages[code] = language
        created += is_new
    log(f"Pamphlet languages: {created} created, {len(LANGUAGES) - created} already present.")
    return languages


def load(*, log):
    languages = _languages(log)
    pamphlet = Pamphlet.objects.filter(slug_en=PAMPHLET["slug_en"]).first()
    if pamphlet is None:
        pamphlet = Pamphlet(status=Status.PUBLISHED, **PAMPHLET)
        pamphlet.full_clean()
        pamphlet.save()
        log(f"Pamphlet created: {pamphlet.title_en}")
    present = set(pamphlet.editions.values_list("language__code", flat=True))
    created = 0
    for code, language in languages.items():
        if code in present:
            continue
        content = sample_pdf(
            title_en=pamphlet.title_en or PAMPHLET["title_en"],
            title_fr=pamphlet.title_fr or PAMPHLET["title_fr"],
            language_en=language.name_en,
            language_fr=language.name_fr,
            code=code,
        )
        edition = Edition(pamphlet=pamphlet, language=language, status=Status.PUBLISHED)
        edition_store_file(edition=edition, uploaded=ContentFile(content, name=f"sample-{code}.pdf"))
        created += 1
    log(f"Pamphlet editions: {created} created (sample PDFs), {len(present)} already present.")


def reset():
    """Delete the pamphlets (their editions, files and statistics go with them) and the languages."""
    Pamphlet.objects.all().delete()
    Language.objects.all().delete()
