from tests.results.conftest import roots, sheet_folder, signing_folder, signing_key

__all__ = ["roots", "sheet_folder", "signing_folder", "signing_key"]
