"""A storefront for the demo store, served on 127.0.0.1, so the website area works offline.

Pages are generated from the store itself: a home page, product pages with schema.org Product
JSON-LD (price and availability), a cart with the checkout marker, robots.txt and a sitemap.
Problems are planted like the rest of the demo: a few broken links, and one sold-out product
still marked InStock on its page.
"""

from __future__ import annotations

import html
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

CHECKOUT_MARKER = "Proceed to checkout"
BROKEN_LINKS = ("/products/discontinued-lamp", "/pages/summer-sale-2019", "/blog/old-news")
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'",
}
Pages = dict[str, tuple[str, bytes]]


def _page(title: str, body: str) -> bytes:
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/cart">Cart</a></nav>'
        f"{body}</body></html>"
    ).encode()


def build_pages(session: Session, *, limit: int = 40) -> Pages:
    """The demo storefront's pages by path, from the store's active products."""
    from storeops.storefront.offers import active_offers

    offers = active_offers(session, limit=limit)
    pages: Pages = {}
    planted = False
    links = []
    for offer in offers:
        handle, title, price, in_stock = offer.handle, offer.title, offer.price, offer.in_stock
        if not in_stock and not planted:
            in_stock, planted = True, True  # the planted mismatch: sold out, shown in stock
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": title,
            "sku": handle,
            "offers": {
                "@type": "Offer",
                "price": str(price),
                "availability": "https://schema.org/" + ("InStock" if in_stock else "OutOfStock"),
            },
        }
        body = (
            f"<h1>{html.escape(title)}</h1><p>{price}</p>"
            f'<script type="application/ld+json">{json.dumps(data)}</script>'
        )
        pages[f"/products/{handle}"] = ("text/html; charset=utf-8", _page(title, body))
        links.append(f'<li><a href="/products/{handle}">{html.escape(title)}</a></li>')
    broken = "".join(f'<li><a href="{path}">more</a></li>' for path in BROKEN_LINKS)
    pages["/"] = (
        "text/html; charset=utf-8",
        _page("Demo store", f"<ul>{''.join(links)}{broken}</ul>"),
    )
    pages["/cart"] = (
        "text/html; charset=utf-8",
        _page("Cart", f"<h1>Your cart</h1><button>{CHECKOUT_MARKER}</button>"),
    )
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n")
    urls = "".join(f"<url><loc>{path}</loc></url>" for path in pages if path != "/robots.txt")
    pages["/sitemap.xml"] = ("application/xml", f"<urlset>{urls}</urlset>".encode())
    return pages


def make_server(pages: Pages, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server for `pages` on 127.0.0.1 (port 0: any free port)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def _answer(self, *, with_body: bool) -> None:
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            content_type, body = pages.get(path, ("text/html", _page("Not found", "<h1>404</h1>")))
            self.send_response(200 if path in pages else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in HEADERS.items():
                self.send_header(name, value)
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the demo's terminal is for the routine."""

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def serve_in_background(pages: Pages, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start the demo storefront on a thread; returns the server and its root URL."""
    server = make_server(pages, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
