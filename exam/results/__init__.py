"""Results: the merit rule (ranking.py), rules and priority decisions (rules.py), ranking from
locked marks and publication as immutable versions (service.py), signed PDF sheets and their
public check (sheets.py), pages (views.py), `thituyen verify-pdf` (cli.py), the demo (demo.py).

Signing uses the organization's PKCS#12 in SIGNING_KEY_FOLDER (instance/keys): `signing.p12`
plus the CA's `root-ca.pem` that verifiers trust, password in THITUYEN_SIGNING_PASSWORD. A board
member's approval signature uses `member-<user id>.p12` in the same folder (issued from the dev
CA on first use in development). Signed files are kept in SIGNED_SHEET_FOLDER (instance/signed).
"""
