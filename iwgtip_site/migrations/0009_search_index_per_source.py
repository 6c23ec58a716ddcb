from django.db import migrations

# Search looks for each content source's matches on its own (iwgtip_site.search), so each source gets a GIN
# index of its own entries: a word common in one source's items (pages) and rare in another's (provisions)
# is then found in the second without reading the first's matches, which the one index over every entry
# made it do. The sources as they are at this migration; a source added later needs a migration like this
# one (tests/iwgtip_site/test_search_index.py checks that each has its index). PostgreSQL only.
SOURCES = ("pages", "legislation", "provisions", "partners", "pamphlets")


def per_source(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for source in SOURCES:
        schema_editor.execute(
            f"CREATE INDEX search_entry_document_{source} ON iwgtip_site_searchentry USING gin (document)"
            f" WHERE source = '{source}'"
        )
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_document")


def one_for_all(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE INDEX search_entry_document ON iwgtip_site_searchentry USING gin (document)")
    for source in SOURCES:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_document_{source}")


class Migration(migrations.Migration):
    dependencies = [
        ("iwgtip_site", "0008_search_index"),
    ]

    operations = [
        migrations.RunPython(per_source, one_for_all, elidable=False),
    ]
