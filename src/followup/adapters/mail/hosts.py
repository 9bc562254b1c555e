"""Users' mail servers kept out of the host's own network (hosted mode).

A hosted user may name any SMTP or IMAP server; unless FOLLOWUP_ALLOW_PRIVATE_HOSTS=1, one
that is, or resolves to, a loopback, private, link-local, multicast, reserved, unspecified or
otherwise non-global address is refused: when the setting is saved, and again when connecting.
At connect time the name is resolved once, every address checked, and the socket opened to a
checked address (the TLS layer still verifies the certificate against the name), so a name
that resolves elsewhere the second time (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence

from followup.domain.errors import InvalidInput

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

CHECKED = "checked"
"""A connection's guard: resolve once, refuse a private address, connect to a checked one."""
PINNED = "pinned"
"""A connection's guard: resolve once and connect to that address, private or not (the
installation's own relay, or FOLLOWUP_ALLOW_PRIVATE_HOSTS=1)."""


def why_refused(address: Address) -> str | None:
    """What kind of address this is when it is not a public one on the internet, else None."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour or (
            address.teredo[1] if address.teredo else None)
        if inner is not None:
            return why_refused(inner) or (None if address.ipv4_mapped else
                                          "a tunnelled (6to4 or Teredo)")
    for kind, test in (("an unspecified", address.is_unspecified),
                       ("a loopback", address.is_loopback),
                       ("a link-local", address.is_link_local),
                       ("a multicast", address.is_multicast),
                       ("a private", address.is_private),
                       ("a reserved", address.is_reserved),
                       ("a non-public", not address.is_global)):
        if test:
            return kind
    return None


def resolve(host: str, port: int) -> list[tuple[int, Address]]:
    """Every (family, address) the name resolves to, in the resolver's order (a literal
    address is itself); socket.gaierror when the name resolves to nothing."""
    literal = host.strip("[]")
    try:
        return [(socket.AF_INET6 if ":" in literal else socket.AF_INET,
                 ipaddress.ip_address(literal))]
    except ValueError:
        pass
    found: list[tuple[int, Address]] = []
    for family, _, _, _, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        # A scoped IPv6 address ("fe80::1%eth0") is link-local whatever its scope.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if (family, address) not in found:
            found.append((family, address))
    return found


def refusal(host: str, addresses: Sequence[tuple[int, Address]], setting: str) -> str | None:
    """Why `host` may not be used (the first address that is not public), or None."""
    for _, address in addresses:
        kind = why_refused(address)
        if kind is not None:
            shown = host if host.strip("[]") == str(address) else f"{host} resolves to {address}"
            return (f"{setting}: {shown}, {kind} address; this installation only connects to "
                    "mail servers on the internet (its operator may allow others with "
                    "FOLLOWUP_ALLOW_PRIVATE_HOSTS=1)")
    return None


def check_host(host: str, setting: str = "the mail server") -> None:
    """Refuses a host that is, or resolves to, an address of a private network (InvalidInput
    naming the setting); a name that resolves to nothing is left for the connection to say."""
    try:
        addresses = resolve(host.strip(), 0)
    except (OSError, UnicodeError):
        return
    problem = refusal(host.strip(), addresses, setting)
    if problem is not None:
        raise InvalidInput(problem, field=setting)


def connect(addresses: Sequence[tuple[int, Address]], port: int,
            timeout: float | None) -> socket.socket:
    """A socket connected to the first of these (checked) addresses that answers."""
    error: OSError | None = None
    for family, address in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            sock.connect((str(address), port))
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"no address to connect to on port {port}")
