"""Static files: hashed, compressed names once collected; plain names before that."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage that falls back to the plain name of a file it has not collected.

    `make run` runs `collectstatic`, so the server links every file by its content hash and
    WhiteNoise sends it with a far-future cache header. A fresh clone's test run has no
    manifest; WhiteNoise's finders (WHITENOISE_USE_FINDERS) then serve the plain names from
    the apps, instead of every page failing with "Missing staticfiles manifest entry".
    """

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            return name
