"""presentation: programmes, the recorded session, conflicts of interest, the board's collegial decisions

Revision ID: 0015_presentation
Revises: 0014_appointment
Create Date: 2026-12-02 13:55:28.968816
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0015_presentation'
down_revision = '0014_appointment'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('presentation_programme_freeze',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('programme_ids', sa.JSON(), nullable=False),
    sa.Column('digests', sa.JSON(), nullable=False),
    sa.Column('frozen_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('frozen_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_presentation_programme_freeze_competition_id_competition')),
    sa.ForeignKeyConstraint(['frozen_by_id'], ['user_account.id'], name=op.f('fk_presentation_programme_freeze_frozen_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presentation_programme_freeze')),
    sa.UniqueConstraint('competition_id', name=op.f('uq_presentation_programme_freeze_competition_id'))
    )
    op.create_table('presentation_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('scoring_rule', sa.String(length=16), nullable=False),
    sa.Column('programme_deadline', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('panel_quorum', sa.Integer(), nullable=False),
    sa.Column('min_candidates', sa.Integer(), nullable=False),
    sa.Column('tie_fallback', sa.String(length=16), nullable=False),
    sa.Column('updated_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_presentation_rules_competition_id_competition')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_presentation_rules_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presentation_rules')),
    sa.UniqueConstraint('competition_id', name=op.f('uq_presentation_rules_competition_id'))
    )
    op.create_table('presentation_sitting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('seed_hex', sa.String(length=64), nullable=False),
    sa.Column('order', sa.JSON(), nullable=False),
    sa.Column('drawn_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('drawn_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_presentation_sitting_competition_id_competition')),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['user_account.id'], name=op.f('fk_presentation_sitting_drawn_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presentation_sitting')),
    sa.UniqueConstraint('competition_id', name=op.f('uq_presentation_sitting_competition_id'))
    )
    op.create_table('registration_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('closes_before', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closes_after', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_registration_extension_by_id_user_account')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_registration_extension_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_extension'))
    )
    with op.batch_alter_table('registration_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_extension_competition_id'), ['competition_id'], unique=False)

    op.create_table('collegial_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('application_ids', sa.JSON(), nullable=False),
    sa.Column('option_orders', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('excluded_ids', sa.JSON(), nullable=False),
    sa.Column('opened_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('applied_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('decided_option', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_collegial_decision_competition_id_competition')),
    sa.ForeignKeyConstraint(['vote_id'], ['board_vote.id'], name=op.f('fk_collegial_decision_vote_id_board_vote')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collegial_decision')),
    sa.UniqueConstraint('vote_id', name=op.f('uq_collegial_decision_vote_id'))
    )
    with op.batch_alter_table('collegial_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collegial_decision_competition_id'), ['competition_id'], unique=False)

    op.create_table('conflict_of_interest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('declared_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_conflict_of_interest_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_conflict_of_interest_competition_id_competition')),
    sa.ForeignKeyConstraint(['member_id'], ['user_account.id'], name=op.f('fk_conflict_of_interest_member_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict_of_interest')),
    sa.UniqueConstraint('member_id', 'application_id', name=op.f('uq_conflict_of_interest_member_id_application_id'))
    )
    with op.batch_alter_table('conflict_of_interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_of_interest_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflict_of_interest_competition_id'), ['competition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflict_of_interest_member_id'), ['member_id'], unique=False)

    op.create_table('eligibility_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('failed', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_eligibility_override_application_id_application')),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_eligibility_override_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eligibility_override')),
    sa.UniqueConstraint('application_id', name=op.f('uq_eligibility_override_application_id'))
    )
    op.create_table('presentation_programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_presentation_programme_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_presentation_programme_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presentation_programme')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_presentation_programme_stored_name'))
    )
    with op.batch_alter_table('presentation_programme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presentation_programme_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_presentation_programme_competition_id'), ['competition_id'], unique=False)

    op.create_table('presentation_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sitting_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('started_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('present_ids', sa.JSON(), nullable=False),
    sa.Column('questions', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_presentation_slot_application_id_application')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_presentation_slot_recorded_by_id_user_account')),
    sa.ForeignKeyConstraint(['sitting_id'], ['presentation_sitting.id'], name=op.f('fk_presentation_slot_sitting_id_presentation_sitting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presentation_slot')),
    sa.UniqueConstraint('sitting_id', 'application_id', name=op.f('uq_presentation_slot_sitting_id_application_id'))
    )
    with op.batch_alter_table('presentation_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presentation_slot_sitting_id'), ['sitting_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('presentation_slot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presentation_slot_sitting_id'))

    op.drop_table('presentation_slot')
    with op.batch_alter_table('presentation_programme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presentation_programme_competition_id'))
        batch_op.drop_index(batch_op.f('ix_presentation_programme_application_id'))

    op.drop_table('presentation_programme')
    op.drop_table('eligibility_override')
    with op.batch_alter_table('conflict_of_interest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_of_interest_member_id'))
        batch_op.drop_index(batch_op.f('ix_conflict_of_interest_competition_id'))
        batch_op.drop_index(batch_op.f('ix_conflict_of_interest_application_id'))

    op.drop_table('conflict_of_interest')
    with op.batch_alter_table('collegial_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collegial_decision_competition_id'))

    op.drop_table('collegial_decision')
    with op.batch_alter_table('registration_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_extension_competition_id'))

    op.drop_table('registration_extension')
    op.drop_table('presentation_sitting')
    op.drop_table('presentation_rules')
    op.drop_table('presentation_programme_freeze')
