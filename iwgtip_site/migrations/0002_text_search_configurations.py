"""PostgreSQL text search configurations for site search (iwgtip_site/search.py), one per official
language: the `english` and `french` ones, with accents removed before stemming, so "depliant" finds
"dépliant" and "refugies" finds "réfugiés". Nothing to do on SQLite, which searches without them.

`unaccent` is a PostgreSQL contrib extension, trusted since PostgreSQL 13: the database owner may
create it."""

from django.db import migrations

CONFIGURATIONS = (("iwgtip_en", "english", "english_stem"), ("iwgtip_fr", "french", "french_stem"))


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, source, stemmer in CONFIGURATIONS:
        schema_editor.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN "
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source}); END IF; END $$"
        )
        # Words with letters outside ASCII lose their accents, then are stemmed like the others.
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _source, _stemmer in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("iwgtip_site", "0001_roles")]

    operations = [migrations.RunPython(create_configurations, drop_configurations, elidable=False)]
