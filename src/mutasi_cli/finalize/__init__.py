"""`mutasi finalize`: the committee's decisions become decree drafts, a roster and a history.

The steps, in the order the command runs them::

    review = read_review(path)                       # review.issues: unreadable decisions
    review, deferred = defer_chains(review, nips)     # only with --tunda-berantai
    issues = check_decisions(review, pegawai, roster_sha256=sha, force=force)
    # any error in review.issues + issues (every conflict of the chain closure at once):
    # write nothing, exit 1
    result = apply_decisions(review, pegawai, riwayat, tmt=tmt, tanggal_sk=today,
                             settings=settings.finalize, jabatan=jabatan, roster_text=typed)
    # the CLI writes: the decided list + committee record, the record file, the roster and
    # history as edited copies of the inputs (result.roster_edits, result.history_new)
    paths = render_documents(result, out_dir, template_dir=template_dir, force=force)
    summary(review, issues, result, documents=len(paths))
"""

from mutasi_cli.finalize.apply import FinalizeResult, apply_decisions, summary
from mutasi_cli.finalize.decisions import check_decisions
from mutasi_cli.finalize.documents import render_documents, safe_filename
from mutasi_cli.finalize.review import Review, read_review

__all__ = [
    "FinalizeResult",
    "Review",
    "apply_decisions",
    "check_decisions",
    "read_review",
    "render_documents",
    "safe_filename",
    "summary",
]
