"""The upload page: a form to paste text or drop files, and the claims read from them.

`POST /upload` answers with a page, `POST /upload.json` with `UploadOut`. The
request is refused whole, before anything is stored, when a part is too large
(413), not text (415), has no main text or is over one article's budget (422),
or would replace a stored article without `replace=on` (409). The articles are
processed in the upload worker's child process (`web.worker`), off the event
loop; a client that leaves stops the work.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from veille.records import RawDoc
from veille.sources.files import MEDIA_TYPES
from veille.web.api import Db
from veille.web.models import UploadForm
from veille.web.pages import error, render
from veille.web.security import has_token
from veille.web.upload import (
    Pasted,
    UploadError,
    accepted,
    file_doc,
    pasted_doc,
    run_upload,
    too_large,
)
from veille.web.worker import ArticleWorker, Interrupted

router = APIRouter(include_in_schema=False)
MAX_FILES = 20
YES = frozenset({"on", "true", "1", "yes"})


def _form_info(request: Request) -> UploadForm:
    limit = request.app.state.settings.max_upload_bytes
    token = request.app.state.settings.token
    login_needed = bool(token) and not has_token(request, token)
    return UploadForm(max_upload_bytes=limit, accepted=list(MEDIA_TYPES), login_needed=login_needed)


@router.get("/upload")
@router.get("/upload.json", name="upload_form_json")
def upload_form(request: Request) -> Response:
    as_json = request.url.path.endswith(".json")
    return render(request, "upload.html", _form_info(request), as_json, result=None, form={})


@router.post("/upload")
@router.post("/upload.json", name="upload_json")
async def upload(request: Request, db: Db) -> Response:
    as_json = request.url.path.endswith(".json")
    limit = request.app.state.settings.max_upload_bytes
    form = FormData()
    try:
        form = await _read_form(request, limit)
        docs = await _documents(form, limit)
        if not docs:
            raise UploadError(422, "nothing to read: paste some text or choose a file")
        worker: ArticleWorker = request.app.state.worker
        try:
            results = await worker.process(docs, request.is_disconnected)
        except Interrupted as err:
            raise UploadError(503, f"upload interrupted ({err})") from None
        store = str(form.get("store", "")).lower() in YES
        replace = str(form.get("replace", "")).lower() in YES
        processed = accepted(docs, results)
        result = await run_in_threadpool(run_upload, db, processed, store, replace)
    except UploadError as err:
        if as_json:
            return error(request, err.status_code, err.message, as_json)
        return _form_again(request, err, form)
    return render(request, "upload.html", result, as_json, result=result, form={})


async def _read_form(request: Request, limit: int) -> FormData:
    try:
        return await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=limit + 1)
    except HTTPException as err:  # the multipart parser's refusal, e.g. a part too large
        if "maximum size" in str(err.detail):
            raise too_large(limit + 1, limit) from None
        raise UploadError(400, f"cannot read the form: {err.detail}") from None


async def _documents(form: FormData, limit: int) -> list[RawDoc]:
    """Pasted text and files as raw documents, refusing the lot if they add up over the limit."""
    docs: list[RawDoc] = []
    total = 0
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        total += len(text.encode("utf-8"))
        fields = {key: form.get(key) for key in ("title", "url", "published")}
        metadata = {key: value for key, value in fields.items() if isinstance(value, str)}
        docs.append(pasted_doc(Pasted(text, **metadata)))
    for part in form.getlist("files"):
        if not isinstance(part, UploadFile) or not part.filename:
            continue  # a file input left empty still sends a part with no name
        data = await part.read(limit + 1)
        total += len(data)
        docs.append(file_doc(part.filename, data, limit))
    if total > limit:
        raise too_large(total, limit)
    return docs


def _form_again(request: Request, err: UploadError, form: FormData) -> Response:
    """The form with what was typed, and the reason it was refused, under the status."""
    typed = {key: value for key, value in form.items() if isinstance(value, str)}
    templates = request.app.state.templates
    context = {"page": _form_info(request), "result": None, "form": typed, "problem": err.message}
    response: Response = templates.TemplateResponse(
        request, "upload.html", context, status_code=err.status_code
    )
    return response
