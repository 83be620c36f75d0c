"""scoring: panels, scripts under anonymous codes, the code map, marks, re-marks, presentation

Revision ID: 0003_scoring
Revises: 0002_sitting
Create Date: 2026-11-22 02:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0003_scoring'
down_revision = '0002_sitting'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('scoring_declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('examiner_id', sa.Integer(), nullable=False),
    sa.Column('conflict_application_ids', sa.JSON(), nullable=False),
    sa.Column('known_application_ids', sa.JSON(), nullable=False),
    sa.Column('declared_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_scoring_declaration_competition_id_competition')),
    sa.ForeignKeyConstraint(['examiner_id'], ['user_account.id'], name=op.f('fk_scoring_declaration_examiner_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_declaration'))
    )
    with op.batch_alter_table('scoring_declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_declaration_competition_id'), ['competition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoring_declaration_examiner_id'), ['examiner_id'], unique=False)

    op.create_table('scoring_panel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('part_key', sa.String(length=40), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=False),
    sa.Column('threshold_percent', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('created_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['user_account.id'], name=op.f('fk_scoring_panel_chair_id_user_account')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_scoring_panel_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_panel')),
    sa.UniqueConstraint('competition_id', 'part_key', name=op.f('uq_scoring_panel_competition_id_part_key'))
    )
    with op.batch_alter_table('scoring_panel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_panel_competition_id'), ['competition_id'], unique=False)

    op.create_table('scoring_script',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('part_key', sa.String(length=40), nullable=False),
    sa.Column('item_key', sa.String(length=80), nullable=False),
    sa.Column('item_version_id', sa.Integer(), nullable=True),
    sa.Column('prompt', sa.Text(), nullable=False),
    sa.Column('rubric', sa.JSON(), nullable=False),
    sa.Column('max_points', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('answer_text', sa.Text(), nullable=False),
    sa.Column('leak_kinds', sa.JSON(), nullable=False),
    sa.Column('is_calibration', sa.Boolean(), nullable=False),
    sa.Column('created_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_scoring_script_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_script')),
    sa.UniqueConstraint('competition_id', 'code', name=op.f('uq_scoring_script_competition_id_code'))
    )
    with op.batch_alter_table('scoring_script', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_script_competition_id'), ['competition_id'], unique=False)

    op.create_table('scoring_draw',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('seed_hex', sa.String(length=64), nullable=False),
    sa.Column('drawn_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_scoring_draw_by_id_user_account')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_scoring_draw_competition_id_competition')),
    sa.ForeignKeyConstraint(['panel_id'], ['scoring_panel.id'], name=op.f('fk_scoring_draw_panel_id_scoring_panel')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_draw'))
    )
    with op.batch_alter_table('scoring_draw', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_draw_competition_id'), ['competition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoring_draw_panel_id'), ['panel_id'], unique=False)

    op.create_table('scoring_panel_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['panel_id'], ['scoring_panel.id'], name=op.f('fk_scoring_panel_member_panel_id_scoring_panel')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_scoring_panel_member_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_panel_member')),
    sa.UniqueConstraint('panel_id', 'user_id', name=op.f('uq_scoring_panel_member_panel_id_user_id'))
    )
    with op.batch_alter_table('scoring_panel_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_panel_member_panel_id'), ['panel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoring_panel_member_user_id'), ['user_id'], unique=False)

    op.create_table('scoring_presentation_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('round_no', sa.Integer(), nullable=False),
    sa.Column('score', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('basis', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_scoring_presentation_result_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_scoring_presentation_result_competition_id_competition')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_scoring_presentation_result_decided_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_presentation_result')),
    sa.UniqueConstraint('application_id', name=op.f('uq_scoring_presentation_result_application_id'))
    )
    with op.batch_alter_table('scoring_presentation_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_presentation_result_competition_id'), ['competition_id'], unique=False)

    op.create_table('scoring_presentation_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('round_no', sa.Integer(), nullable=False),
    sa.Column('score', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('submitted_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_scoring_presentation_score_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_scoring_presentation_score_competition_id_competition')),
    sa.ForeignKeyConstraint(['member_id'], ['user_account.id'], name=op.f('fk_scoring_presentation_score_member_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_presentation_score')),
    sa.UniqueConstraint('application_id', 'member_id', 'round_no', name=op.f('uq_scoring_presentation_score_application_id_member_id_round_no'))
    )
    with op.batch_alter_table('scoring_presentation_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_presentation_score_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoring_presentation_score_competition_id'), ['competition_id'], unique=False)

    op.create_table('scoring_redaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('script_id', sa.Integer(), nullable=False),
    sa.Column('passage', sa.Text(), nullable=False),
    sa.Column('is_dismissal', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_scoring_redaction_by_id_user_account')),
    sa.ForeignKeyConstraint(['script_id'], ['scoring_script.id'], name=op.f('fk_scoring_redaction_script_id_scoring_script')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_redaction'))
    )
    with op.batch_alter_table('scoring_redaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_redaction_script_id'), ['script_id'], unique=False)

    op.create_table('scoring_remark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('script_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user_account.id'], name=op.f('fk_scoring_remark_requested_by_id_user_account')),
    sa.ForeignKeyConstraint(['script_id'], ['scoring_script.id'], name=op.f('fk_scoring_remark_script_id_scoring_script')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_remark'))
    )
    with op.batch_alter_table('scoring_remark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_remark_script_id'), ['script_id'], unique=False)

    op.create_table('scoring_script_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('script_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_scoring_script_identity_application_id_application')),
    sa.ForeignKeyConstraint(['script_id'], ['scoring_script.id'], name=op.f('fk_scoring_script_identity_script_id_scoring_script')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_script_identity')),
    sa.UniqueConstraint('script_id', name=op.f('uq_scoring_script_identity_script_id'))
    )
    with op.batch_alter_table('scoring_script_identity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_script_identity_application_id'), ['application_id'], unique=False)

    op.create_table('scoring_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('script_id', sa.Integer(), nullable=False),
    sa.Column('examiner_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('remark_id', sa.Integer(), nullable=True),
    sa.Column('draw_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draw_id'], ['scoring_draw.id'], name=op.f('fk_scoring_assignment_draw_id_scoring_draw')),
    sa.ForeignKeyConstraint(['examiner_id'], ['user_account.id'], name=op.f('fk_scoring_assignment_examiner_id_user_account')),
    sa.ForeignKeyConstraint(['remark_id'], ['scoring_remark.id'], name=op.f('fk_scoring_assignment_remark_id_scoring_remark')),
    sa.ForeignKeyConstraint(['script_id'], ['scoring_script.id'], name=op.f('fk_scoring_assignment_script_id_scoring_script')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_assignment')),
    sa.UniqueConstraint('script_id', 'examiner_id', name=op.f('uq_scoring_assignment_script_id_examiner_id'))
    )
    with op.batch_alter_table('scoring_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_assignment_examiner_id'), ['examiner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoring_assignment_script_id'), ['script_id'], unique=False)

    op.create_table('scoring_final_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('script_id', sa.Integer(), nullable=False),
    sa.Column('remark_id', sa.Integer(), nullable=True),
    sa.Column('mark', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('basis', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_scoring_final_mark_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['remark_id'], ['scoring_remark.id'], name=op.f('fk_scoring_final_mark_remark_id_scoring_remark')),
    sa.ForeignKeyConstraint(['script_id'], ['scoring_script.id'], name=op.f('fk_scoring_final_mark_script_id_scoring_script')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_final_mark'))
    )
    with op.batch_alter_table('scoring_final_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_final_mark_script_id'), ['script_id'], unique=False)

    op.create_table('scoring_presentation_confirmation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('result_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('confirmed_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['user_account.id'], name=op.f('fk_scoring_presentation_confirmation_member_id_user_account')),
    sa.ForeignKeyConstraint(['result_id'], ['scoring_presentation_result.id'], name=op.f('fk_scoring_presentation_confirmation_result_id_scoring_presentation_result')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_presentation_confirmation')),
    sa.UniqueConstraint('result_id', 'member_id', name=op.f('uq_scoring_presentation_confirmation_result_id_member_id'))
    )
    op.create_table('scoring_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('criteria', sa.JSON(), nullable=False),
    sa.Column('total', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('is_submitted', sa.Boolean(), nullable=False),
    sa.Column('saved_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['scoring_assignment.id'], name=op.f('fk_scoring_mark_assignment_id_scoring_assignment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_mark'))
    )
    with op.batch_alter_table('scoring_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_mark_assignment_id'), ['assignment_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scoring_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_mark_assignment_id'))

    op.drop_table('scoring_mark')
    op.drop_table('scoring_presentation_confirmation')
    with op.batch_alter_table('scoring_final_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_final_mark_script_id'))

    op.drop_table('scoring_final_mark')
    with op.batch_alter_table('scoring_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_assignment_script_id'))
        batch_op.drop_index(batch_op.f('ix_scoring_assignment_examiner_id'))

    op.drop_table('scoring_assignment')
    with op.batch_alter_table('scoring_script_identity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_script_identity_application_id'))

    op.drop_table('scoring_script_identity')
    with op.batch_alter_table('scoring_remark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_remark_script_id'))

    op.drop_table('scoring_remark')
    with op.batch_alter_table('scoring_redaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_redaction_script_id'))

    op.drop_table('scoring_redaction')
    with op.batch_alter_table('scoring_presentation_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_presentation_score_competition_id'))
        batch_op.drop_index(batch_op.f('ix_scoring_presentation_score_application_id'))

    op.drop_table('scoring_presentation_score')
    with op.batch_alter_table('scoring_presentation_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_presentation_result_competition_id'))

    op.drop_table('scoring_presentation_result')
    with op.batch_alter_table('scoring_panel_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_panel_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_scoring_panel_member_panel_id'))

    op.drop_table('scoring_panel_member')
    with op.batch_alter_table('scoring_draw', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_draw_panel_id'))
        batch_op.drop_index(batch_op.f('ix_scoring_draw_competition_id'))

    op.drop_table('scoring_draw')
    with op.batch_alter_table('scoring_script', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_script_competition_id'))

    op.drop_table('scoring_script')
    with op.batch_alter_table('scoring_panel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_panel_competition_id'))

    op.drop_table('scoring_panel')
    with op.batch_alter_table('scoring_declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_declaration_examiner_id'))
        batch_op.drop_index(batch_op.f('ix_scoring_declaration_competition_id'))

    op.drop_table('scoring_declaration')
