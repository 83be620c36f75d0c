"""Every mapped class, imported once so the metadata is complete (Alembic, tests)."""

from exam.accounts.models import User
from exam.appeals.models import (
    KeyCorrection,
    Objection,
    RemarkAppeal,
    ScoreAdjustment,
)
from exam.appointment.models import (
    AppointingAuthority,
    AppointmentDecision,
    Remedy,
    RoomRecord,
)
from exam.audit.models import AuditEntry
from exam.bank.models import BankItem, ItemVersion
from exam.competitions.models import Competition, Membership
from exam.db import Base
from exam.jobs.models import Job
from exam.notifications.models import Notification, OutboxMail
from exam.oversight.models import (
    BoardVote,
    IrregularityReport,
    ReportAddition,
    ReportAttachment,
    ReportNamedPerson,
    Suspension,
    VoteCounter,
    VoteElector,
)
from exam.presentation.models import (
    CollegialDecision,
    ConflictOfInterest,
    EligibilityOverride,
    PresentationRules,
    PresentationSitting,
    PresentationSlot,
    Programme,
    ProgrammeFreeze,
    RegistrationExtension,
)
from exam.registration.models import Application, Document
from exam.results.models import (
    Countersignature,
    PriorityGrant,
    ResultRow,
    ResultRuleSet,
    ResultVersion,
    SignedSheet,
    TieDecision,
)
from exam.rooms.models import (
    CandidatePhoto,
    CheckIn,
    ExamRoom,
    PracticeAttempt,
    PracticeItem,
    PracticeSave,
    RoomProctor,
    SeatAssignment,
    SeatDraw,
    SebRule,
)
from exam.scoring.models import (
    Assignment,
    AssignmentDraw,
    Declaration,
    FinalMark,
    Mark,
    Panel,
    PanelMember,
    PresentationConfirmation,
    PresentationResult,
    PresentationScore,
    Redaction,
    Remark,
    Script,
    ScriptIdentity,
)
from exam.sitting.models import (
    AnswerSave,
    Attempt,
    ExtraTime,
    LateAdmission,
    ObjectiveScore,
    Paper,
    PaperItem,
    Seal,
    SealedPaper,
    SittingSetup,
    SnapshotItem,
    TestPart,
)

__all__ = ["Application", "AuditEntry", "Base", "Competition", "Document", "Membership", "User"]
__all__ += ["Countersignature", "KeyCorrection", "Objection", "PriorityGrant", "RemarkAppeal",
            "ResultRow", "ResultRuleSet", "ResultVersion", "ScoreAdjustment", "SignedSheet",
            "TieDecision"]
__all__ += ["BoardVote", "IrregularityReport", "ReportAddition", "ReportAttachment",
            "ReportNamedPerson", "Suspension", "VoteCounter", "VoteElector"]
__all__ += ["Assignment", "AssignmentDraw", "Declaration", "FinalMark", "Mark", "Panel",
            "PanelMember", "PresentationConfirmation", "PresentationResult", "PresentationScore",
            "Redaction", "Remark", "Script", "ScriptIdentity"]
__all__ += ["AnswerSave", "Attempt", "BankItem", "ExtraTime", "ItemVersion", "ObjectiveScore",
            "Paper", "PaperItem", "Seal", "SealedPaper", "SittingSetup", "SnapshotItem",
            "TestPart"]
__all__ += ["Job", "Notification", "OutboxMail"]
__all__ += ["CollegialDecision", "ConflictOfInterest", "EligibilityOverride", "PresentationRules",
            "PresentationSitting", "PresentationSlot", "Programme", "ProgrammeFreeze",
            "RegistrationExtension"]
__all__ += ["LateAdmission"]
__all__ += ["AppointingAuthority", "AppointmentDecision", "Remedy", "RoomRecord"]
__all__ += ["CandidatePhoto", "CheckIn", "ExamRoom", "PracticeAttempt", "PracticeItem",
            "PracticeSave", "RoomProctor", "SeatAssignment", "SeatDraw", "SebRule"]
