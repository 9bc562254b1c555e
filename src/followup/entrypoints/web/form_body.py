"""A form's body read as it streams: its CSRF token found, its shape checked, nothing kept."""

from __future__ import annotations

from urllib.parse import unquote_plus

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import (
    MultipartParser,
    MultipartState,
    QuerystringParser,
    parse_options_header,
)

MULTIPART = b"multipart/form-data"
URLENCODED = b"application/x-www-form-urlencoded"
TOKEN_MAX = 1024
"""More than any token we sign: a longer `csrftoken` field is not ours."""


class MalformedForm(ValueError):
    """A form body that cannot be read or holds too much: its message says what is wrong."""


class FormBody:
    """Feeds a request's body, chunk by chunk, to python-multipart's streaming parsers: finds
    the `field` (the CSRF token), notices a file part before it, a cut-off body, and more
    fields or files than allowed (the same limits for every form route, however it reads)."""

    def __init__(self, content_type: str, field: str, max_fields: int, max_files: int) -> None:
        kind, params = parse_options_header(content_type)
        self.field = field.encode()
        self.limits = {"fields": max_fields, "files": max_files}
        self.left = dict(self.limits)
        self.token: str | None = None
        self.file_first = False
        self._name = b""
        self._value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._header = [b"", b""]
        self.parser: MultipartParser | QuerystringParser | None = None
        if kind == MULTIPART:
            boundary = params.get(b"boundary")
            if not boundary:
                raise MalformedForm("the multipart form has no boundary in its Content-Type")
            self.parser = MultipartParser(boundary, {
                "on_part_begin": self._begin, "on_header_field": self._header_name,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_headers_finished": self._part_start, "on_part_data": self._data,
                "on_part_end": self._end})
        elif kind == URLENCODED:
            self.parser = QuerystringParser({
                "on_field_start": self._begin, "on_field_name": self._field_name,
                "on_field_data": self._data, "on_field_end": self._field_end})

    def feed(self, chunk: bytes, more: bool) -> None:
        """Parses the next chunk (`more`: whether others follow); MalformedForm if it is bad."""
        if self.parser is None:
            return
        try:
            if chunk:
                self.parser.write(chunk)
            if not more:
                self.parser.finalize()
        except FormParserError as exc:
            raise MalformedForm(f"the form's data is not valid ({exc})") from None
        if (not more and isinstance(self.parser, MultipartParser)
                and self.parser.state != MultipartState.END):
            raise MalformedForm("the multipart form is cut off before its closing boundary")

    def _begin(self) -> None:
        self._name, self._value, self._headers = b"", bytearray(), {}

    def _data(self, data: bytes, start: int, end: int) -> None:
        if len(self._value) <= TOKEN_MAX and self._named(self.field):
            self._value += data[start:end]

    def _named(self, field: bytes) -> bool:
        """Whether the current part or field is `field` (urlencoded names are %-encoded)."""
        if isinstance(self.parser, QuerystringParser):
            return _unquote(self._name) == field
        return self._name == field

    def _field_name(self, data: bytes, start: int, end: int) -> None:
        self._name = (self._name + data[start:end])[:TOKEN_MAX]  # a longer name is not ours

    def _field_end(self) -> None:
        self._count("fields")
        if self._named(self.field):
            self._name, self._value = self.field, bytearray(_unquote(bytes(self._value)))
        self._end()

    def _header_name(self, data: bytes, start: int, end: int) -> None:
        self._header[0] = (self._header[0] + data[start:end])[:TOKEN_MAX]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._header[1] = (self._header[1] + data[start:end])[:TOKEN_MAX]

    def _header_end(self) -> None:
        name, value = self._header
        if len(self._headers) < 16:  # a part needs two or three; more are not ours to keep
            self._headers[name.strip().lower()] = value
        self._header = [b"", b""]

    def _part_start(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"")
        is_file = b"filename" in options
        self._count("files" if is_file else "fields")
        if is_file and self.token is None:
            self.file_first = True

    def _count(self, kind: str) -> None:
        self.left[kind] -= 1
        if self.left[kind] < 0:
            raise MalformedForm(f"the form has more {kind} than the {self.limits[kind]} allowed")

    def _end(self) -> None:
        # A token after a file does not count: it would be found or not by how the body
        # happens to arrive in pieces, and finding it would mean holding the file.
        if self._name == self.field and self.token is None and not self.file_first:
            self.token = self._value.decode("latin-1") if len(self._value) <= TOKEN_MAX else ""
        self._name, self._value = b"", bytearray()


def _unquote(data: bytes) -> bytes:
    return unquote_plus(data.decode("latin-1"), encoding="latin-1").encode("latin-1")
