"""Just enough of Redis's protocol (RESP2 and RESP3) for a connection of our own over a plain socket.

portal/content_version_watch.py needs a few commands and their replies, and the push messages RESP3
interleaves with them, on a socket it polls itself: redis-py reads ahead into buffers of its own and
hands push messages to handlers, which would hide from a poll what is pending.
"""

from __future__ import annotations

from typing import Any


class Push(list):
    """A RESP3 push message (``>``), such as ``["invalidate", [key]]``."""


class ReplyError(str):
    """A RESP error reply (``-`` or ``!``)."""


class Incomplete(Exception):
    """The buffer ends before the reply does."""


def encode(*args: str | bytes) -> bytes:
    parts = [f"*{len(args)}\r\n".encode()]
    for arg in args:
        data = arg.encode() if isinstance(arg, str) else arg
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def parse(buffer: bytes, start: int) -> tuple[Any, int]:
    """One RESP2/RESP3 reply from ``buffer[start:]`` and where the next begins; Incomplete if cut."""
    end = buffer.find(b"\r\n", start)
    if end < 0:
        raise Incomplete
    kind, line, after = buffer[start : start + 1], buffer[start + 1 : end], end + 2
    if kind == b"+":
        return line.decode(), after
    if kind == b"-":
        return ReplyError(line.decode(errors="replace")), after
    if kind in (b":", b"("):
        return int(line), after
    if kind == b"_":
        return None, after
    if kind == b"#":
        return line == b"t", after
    if kind == b",":
        return float(line), after
    if kind in (b"$", b"=", b"!"):
        length = int(line)
        if length < 0:
            return None, after
        if len(buffer) < after + length + 2:
            raise Incomplete
        data = buffer[after : after + length]
        return (ReplyError(data.decode(errors="replace")) if kind == b"!" else data), after + length + 2
    if kind in (b"*", b"~", b">", b"%", b"|"):
        count = int(line)
        if count < 0:
            return None, after
        items = []
        for _ in range(count * 2 if kind in (b"%", b"|") else count):
            item, after = parse(buffer, after)
            items.append(item)
        if kind == b">":
            return Push(items), after
        if kind == b"%":
            return dict(zip(items[::2], items[1::2], strict=True)), after
        if kind == b"|":  # attributes describe the reply that follows: skip them
            return parse(buffer, after)
        return items, after
    raise ValueError(f"unexpected RESP type {kind!r}")
