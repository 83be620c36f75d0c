"""results

Revision ID: 0004_results
Revises: 0003_scoring
Create Date: 2026-11-22 02:31:12.664913
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0004_results'
down_revision = '0003_scoring'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('result_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('parts', sa.JSON(), nullable=False),
    sa.Column('specialised_part', sa.String(length=40), nullable=False),
    sa.Column('written_part', sa.String(length=40), nullable=False),
    sa.Column('tie_break_parts', sa.JSON(), nullable=False),
    sa.Column('priority_categories', sa.JSON(), nullable=False),
    sa.Column('reserve_size', sa.Integer(), nullable=True),
    sa.Column('reserve_months', sa.Integer(), nullable=False),
    sa.Column('updated_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_result_rules_competition_id_competition')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_result_rules_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_result_rules')),
    sa.UniqueConstraint('competition_id', name=op.f('uq_result_rules_competition_id'))
    )
    op.create_table('result_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('published_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=False),
    sa.Column('reserve_expires_on', sa.Date(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('data_sha256', sa.String(length=64), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_result_version_competition_id_competition')),
    sa.ForeignKeyConstraint(['published_by_id'], ['user_account.id'], name=op.f('fk_result_version_published_by_id_user_account')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['result_version.id'], name=op.f('fk_result_version_supersedes_id_result_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_result_version')),
    sa.UniqueConstraint('competition_id', 'number', name=op.f('uq_result_version_competition_id_number'))
    )
    with op.batch_alter_table('result_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_result_version_competition_id'), ['competition_id'], unique=False)

    op.create_table('tie_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_ids', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_tie_decision_competition_id_competition')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_tie_decision_decided_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tie_decision'))
    )
    with op.batch_alter_table('tie_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tie_decision_competition_id'), ['competition_id'], unique=False)

    op.create_table('key_objection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=80), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('filed_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('corrected_key', sa.JSON(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_key_objection_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_key_objection_competition_id_competition')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_key_objection_decided_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_objection'))
    )
    with op.batch_alter_table('key_objection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_objection_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_objection_competition_id'), ['competition_id'], unique=False)

    op.create_table('key_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('corrected_key', sa.JSON(), nullable=True),
    sa.Column('objection_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_key_correction_competition_id_competition')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_key_correction_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['objection_id'], ['key_objection.id'], name=op.f('fk_key_correction_objection_id_key_objection')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_correction')),
    sa.UniqueConstraint('competition_id', 'item_key', name=op.f('uq_key_correction_competition_id_item_key'))
    )
    with op.batch_alter_table('key_correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_correction_competition_id'), ['competition_id'], unique=False)

    op.create_table('score_adjustment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('correction_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('part_key', sa.String(length=16), nullable=False),
    sa.Column('before', sa.Numeric(precision=9, scale=2), nullable=False),
    sa.Column('after', sa.Numeric(precision=9, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_score_adjustment_application_id_application')),
    sa.ForeignKeyConstraint(['correction_id'], ['key_correction.id'], name=op.f('fk_score_adjustment_correction_id_key_correction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_adjustment'))
    )
    with op.batch_alter_table('score_adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_adjustment_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_score_adjustment_correction_id'), ['correction_id'], unique=False)

    op.create_table('priority_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('points', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=False),
    sa.Column('granted_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_priority_grant_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_priority_grant_competition_id_competition')),
    sa.ForeignKeyConstraint(['granted_by_id'], ['user_account.id'], name=op.f('fk_priority_grant_granted_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_grant'))
    )
    with op.batch_alter_table('priority_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_grant_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_priority_grant_competition_id'), ['competition_id'], unique=False)

    op.create_table('remark_appeal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('part_key', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('filed_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('old_mark', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('new_mark', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('result_version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user_account.id'], name=op.f('fk_remark_appeal_answered_by_id_user_account')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_remark_appeal_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_remark_appeal_competition_id_competition')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_remark_appeal_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['result_version_id'], ['result_version.id'], name=op.f('fk_remark_appeal_result_version_id_result_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remark_appeal'))
    )
    with op.batch_alter_table('remark_appeal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remark_appeal_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_remark_appeal_competition_id'), ['competition_id'], unique=False)

    op.create_table('result_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('candidate_number', sa.String(length=16), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('passed_parts', sa.JSON(), nullable=False),
    sa.Column('priority_points', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('total', sa.Numeric(precision=9, scale=2), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('is_tied', sa.Boolean(), nullable=False),
    sa.Column('standing', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_result_row_application_id_application')),
    sa.ForeignKeyConstraint(['version_id'], ['result_version.id'], name=op.f('fk_result_row_version_id_result_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_result_row')),
    sa.UniqueConstraint('version_id', 'application_id', name=op.f('uq_result_row_version_id_application_id'))
    )
    with op.batch_alter_table('result_row', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_result_row_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_result_row_version_id'), ['version_id'], unique=False)

    op.create_table('signed_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('data_sha256', sa.String(length=64), nullable=False),
    sa.Column('chain_length', sa.Integer(), nullable=False),
    sa.Column('chain_head', sa.String(length=64), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('produced_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('produced_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_signed_sheet_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_signed_sheet_competition_id_competition')),
    sa.ForeignKeyConstraint(['produced_by_id'], ['user_account.id'], name=op.f('fk_signed_sheet_produced_by_id_user_account')),
    sa.ForeignKeyConstraint(['version_id'], ['result_version.id'], name=op.f('fk_signed_sheet_version_id_result_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signed_sheet')),
    sa.UniqueConstraint('code', name=op.f('uq_signed_sheet_code'))
    )
    with op.batch_alter_table('signed_sheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signed_sheet_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signed_sheet_competition_id'), ['competition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signed_sheet_version_id'), ['version_id'], unique=False)

    op.create_table('countersignature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('signed_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['signed_sheet.id'], name=op.f('fk_countersignature_sheet_id_signed_sheet')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_countersignature_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_countersignature'))
    )
    with op.batch_alter_table('countersignature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_countersignature_sheet_id'), ['sheet_id'], unique=False)

def downgrade() -> None:
    with op.batch_alter_table('countersignature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_countersignature_sheet_id'))

    op.drop_table('countersignature')
    with op.batch_alter_table('signed_sheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signed_sheet_version_id'))
        batch_op.drop_index(batch_op.f('ix_signed_sheet_competition_id'))
        batch_op.drop_index(batch_op.f('ix_signed_sheet_application_id'))

    op.drop_table('signed_sheet')
    with op.batch_alter_table('result_row', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_result_row_version_id'))
        batch_op.drop_index(batch_op.f('ix_result_row_application_id'))

    op.drop_table('result_row')
    with op.batch_alter_table('remark_appeal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remark_appeal_competition_id'))
        batch_op.drop_index(batch_op.f('ix_remark_appeal_application_id'))

    op.drop_table('remark_appeal')
    with op.batch_alter_table('priority_grant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_grant_competition_id'))
        batch_op.drop_index(batch_op.f('ix_priority_grant_application_id'))

    op.drop_table('priority_grant')
    with op.batch_alter_table('score_adjustment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_adjustment_correction_id'))
        batch_op.drop_index(batch_op.f('ix_score_adjustment_application_id'))

    op.drop_table('score_adjustment')
    with op.batch_alter_table('key_correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_correction_competition_id'))

    op.drop_table('key_correction')
    with op.batch_alter_table('key_objection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_objection_competition_id'))
        batch_op.drop_index(batch_op.f('ix_key_objection_application_id'))

    op.drop_table('key_objection')
    with op.batch_alter_table('tie_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tie_decision_competition_id'))

    op.drop_table('tie_decision')
    with op.batch_alter_table('result_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_result_version_competition_id'))

    op.drop_table('result_version')
    op.drop_table('result_rules')