"""Signed checkpoints: published at every stage change, downloadable, and proof that the log
still extends what was published."""

from __future__ import annotations

from sqlalchemy import text

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Role, Stage
from exam.documents import keystore
from tests.audit.conftest import as_superuser, rehash_from, write_entries
from tests.factories import appoint, make_competition


def advance(db, clock, competition, chair):
    return competitions.enter_stage(db, chair, competition, Stage.REGISTRATION_OPEN, now=clock.now)


def published_competition(db, clock):
    competition = make_competition(db, stage=Stage.DRAFT)
    chair = appoint(db, competition, Role.CHAIR)
    write_entries(db, clock, 3, competition=competition)
    advance(db, clock, competition, chair)
    return competition


def saved_checkpoint(client, tmp_path, competition, db) -> tuple:
    """Download the published checkpoint, as an observer keeping a copy would."""
    (checkpoint,) = audit.checkpoints_of(db, competition)
    response = client.get(f"/audit/checkpoints/{checkpoint.id}.txt")
    path = tmp_path / "checkpoint.txt"
    path.write_bytes(response.data)
    return checkpoint, path


def test_a_stage_change_publishes_a_signed_checkpoint_on_the_public_page(client, db, clock,
                                                                        signing_key):
    competition = published_competition(db, clock)
    (checkpoint,) = audit.checkpoints_of(db, competition)
    assert (checkpoint.size, checkpoint.head) == audit.chain_head(db)
    assert checkpoint.stage == Stage.REGISTRATION_OPEN
    assert checkpoint.signature

    page = client.get(f"/competitions/{competition.id}").text
    assert f"/audit/checkpoints/{checkpoint.id}.txt" in page

    response = client.get(f"/audit/checkpoints/{checkpoint.id}.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = response.text.splitlines()
    assert lines[0] == "testserver/audit"
    assert lines[1] == str(checkpoint.size)
    assert lines[-1].startswith("— Hội đồng thi tuyển ")
    assert audit.verify_checkpoint(db, response.text, keystore.trust_roots(signing_key)).holds


def test_verify_with_a_checkpoint_holds_while_the_log_only_grows(runner, client, db, clock,
                                                                signing_key, tmp_path):
    competition = published_competition(db, clock)
    checkpoint, path = saved_checkpoint(client, tmp_path, competition, db)
    write_entries(db, clock, 4)
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(path)])
    assert result.exit_code == 0, result.output
    assert f"extends the checkpoint of {checkpoint.size} entries" in result.output


def test_a_rewritten_history_fails_against_an_earlier_checkpoint(runner, client, db, clock,
                                                                signing_key, tmp_path):
    competition = published_competition(db, clock)
    checkpoint, path = saved_checkpoint(client, tmp_path, competition, db)
    write_entries(db, clock, 2)
    as_superuser(db)
    first = checkpoint.size - 2
    db.execute(text("UPDATE audit_entry SET payload = :p WHERE seq = :s"),
               {"p": '{"n":1000}', "s": first})
    rehash_from(db, first)
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0  # the chain alone looks fine
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(path)])
    assert result.exit_code == 1
    assert f"history was rewritten: entry {checkpoint.size}" in result.output


def test_a_log_cut_short_fails_against_an_earlier_checkpoint(runner, client, db, clock,
                                                            signing_key, tmp_path):
    competition = published_competition(db, clock)
    checkpoint, path = saved_checkpoint(client, tmp_path, competition, db)
    as_superuser(db)
    db.execute(text("DELETE FROM audit_entry WHERE seq >= :s"), {"s": checkpoint.size - 1})
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(path)])
    assert result.exit_code == 1
    assert "history was removed" in result.output


def test_a_forged_or_foreign_checkpoint_is_refused(runner, client, db, clock, signing_key,
                                                  tmp_path, tmp_path_factory):
    competition = published_competition(db, clock)
    checkpoint, path = saved_checkpoint(client, tmp_path, competition, db)
    forged = tmp_path / "forged.txt"
    lines = path.read_text().split("\n")
    lines[1] = str(checkpoint.size - 1)
    forged.write_text("\n".join(lines))
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(forged)])
    assert result.exit_code == 1
    assert "signature does not verify" in result.output

    other = tmp_path_factory.mktemp("other-keys")
    keystore.create_dev_keys(other, "Someone else")
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(path),
                                 "--trust-root", str(keystore.trust_roots(other)[0])])
    assert result.exit_code == 1
    assert "signature does not verify" in result.output

    garbage = tmp_path / "garbage.txt"
    garbage.write_text("hello\n")
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(garbage)])
    assert result.exit_code == 1
    assert "not an audit checkpoint" in result.output


def test_checkpoints_of_a_draft_are_not_public(client, db, clock, signing_key):
    competition = make_competition(db, stage=Stage.DRAFT)
    checkpoint = audit.publish_checkpoint(db, competition, now=clock.now)
    assert client.get(f"/audit/checkpoints/{checkpoint.id}.txt").status_code == 404
    assert client.get("/audit/checkpoints/999999.txt").status_code == 404


def test_without_a_signing_key_the_checkpoint_is_marked_unsigned(runner, db, clock, app,
                                                                tmp_path):
    before = app.config["SIGNING_KEY_FOLDER"]
    app.config["SIGNING_KEY_FOLDER"] = str(tmp_path / "none")
    try:
        checkpoint = audit.publish_checkpoint(db, None, now=clock.now)
    finally:
        app.config["SIGNING_KEY_FOLDER"] = before
    assert checkpoint.signature is None
    path = tmp_path / "unsigned.txt"
    path.write_text(audit.checkpoint_text(checkpoint))
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(path)])
    assert result.exit_code == 1
    assert "carries no signature" in result.output


def test_the_cli_publishes_a_checkpoint_of_the_whole_log(runner, db, clock, signing_key,
                                                         tmp_path):
    write_entries(db, clock, 3)
    path = tmp_path / "now.txt"
    result = runner.invoke(args=["audit", "checkpoint", "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text() == result.output
    assert audit.verify_checkpoint(db, path.read_text(), keystore.trust_roots(signing_key)).holds
    assert audit.latest_checkpoint(db).size == audit.chain_head(db)[0]


def signed_sheet(db, key_folder) -> bytes:
    """A result sheet carrying the chain's current length and head, as results signs them."""
    from exam.documents import pdf, signing

    size, head = audit.chain_head(db)
    sheet = pdf.build_result_sheet(pdf.ResultSheet(
        header=pdf.SheetHeader(organization="Sở Nội vụ", competition_title="Thi tuyển",
                               title="Kết quả"),
        columns=["Số báo danh", "Tổng điểm"], rows=[["0001", "82.5"]],
        verification=pdf.Verification(code="ABCD-1234", url="http://testserver/verify/ABCD-1234",
                                      data_sha256="0" * 64, chain_head=head, chain_length=size)))
    return signing.certify_pdf(sheet, keystore.organization_key(key_folder), reason="Kết quả",
                               location="Hà Nội")


def test_a_signed_sheet_serves_as_a_checkpoint(runner, db, clock, signing_key, tmp_path):
    seqs = write_entries(db, clock, 3)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(signed_sheet(db, signing_key))
    write_entries(db, clock, 2)
    result = runner.invoke(args=["audit", "verify", "--sheet", str(path)])
    assert result.exit_code == 0, result.output
    assert f"extends the sheet of {seqs[-1]} entries" in result.output

    as_superuser(db)
    db.execute(text("UPDATE audit_entry SET payload = :p WHERE seq = :s"),
               {"p": '{"n":5}', "s": seqs[0]})
    rehash_from(db, seqs[0])
    result = runner.invoke(args=["audit", "verify", "--sheet", str(path)])
    assert result.exit_code == 1
    assert f"history was rewritten: entry {seqs[-1]}" in result.output


def test_an_altered_sheet_is_not_taken_as_a_checkpoint(runner, db, clock, signing_key, tmp_path):
    write_entries(db, clock, 2)
    data = bytearray(signed_sheet(db, signing_key))
    data[len(data) // 2] ^= 0x01
    path = tmp_path / "sheet.pdf"
    path.write_bytes(bytes(data))
    result = runner.invoke(args=["audit", "verify", "--sheet", str(path)])
    assert result.exit_code == 1
    assert "signature does not verify" in result.output


def _member_key(key_folder):
    from exam.documents.signing import DevPki, issue_dev_signer, load_signer

    password = (key_folder / keystore.DEV_PASSWORD).read_text().encode()
    pki = DevPki(key_folder, key_folder / "root-ca.pem", key_folder / "root-ca-key.pem",
                 key_folder / "signing.p12")
    path = key_folder / "member-audit-forger.p12"
    if not path.exists():
        issue_dev_signer(pki, "Lê Quang Uy", "Sở Nội vụ", password, path.name)
    return load_signer(path, password)


def test_a_sheet_or_checkpoint_signed_with_a_members_certificate_proves_nothing(
        runner, db, clock, signing_key, tmp_path):
    """The root also issues board members' certificates; only the organization's may vouch for
    the log, or a member could vouch for a history they rewrote."""
    import base64

    from exam.documents import pdf, signing

    write_entries(db, clock, 2)
    member = _member_key(signing_key)
    size, head = audit.chain_head(db)
    sheet = pdf.build_result_sheet(pdf.ResultSheet(
        header=pdf.SheetHeader(organization="Sở Nội vụ", competition_title="Thi tuyển",
                               title="Kết quả"),
        columns=["Số báo danh"], rows=[["0001"]],
        verification=pdf.Verification(code="ABCD-1234", url="http://testserver/verify/ABCD-1234",
                                      data_sha256="0" * 64, chain_head=head, chain_length=size)))
    path = tmp_path / "sheet.pdf"
    path.write_bytes(signing.certify_pdf(sheet, member, reason="Kết quả", location="Hà Nội"))
    result = runner.invoke(args=["audit", "verify", "--sheet", str(path)])
    assert result.exit_code == 1
    assert "organization's signing certificate" in result.output

    body = audit.checkpoint_body("testserver/audit", size, head, [])
    signature = base64.b64encode(signing.sign_detached(body.encode(), member)).decode()
    forged = tmp_path / "checkpoint.txt"
    forged.write_text(f"{body}\n{audit.SIGNATURE_MARK}Lê Quang Uy {signature}\n")
    result = runner.invoke(args=["audit", "verify", "--checkpoint", str(forged)])
    assert result.exit_code == 1
    assert "does not verify" in result.output
