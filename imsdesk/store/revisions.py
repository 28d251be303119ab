"""Which schema this version of imsdesk expects: plain constants, cheap to import."""

# The newest migration in imsdesk/store/migrations/versions (a test keeps them equal).
SCHEMA_HEAD = "0015"
KNOWN_REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
)
VERSION_TABLE = "alembic_version"
