from tests.results.conftest import roots, sheet_folder, signing_folder, signing_key  # noqa: F401
