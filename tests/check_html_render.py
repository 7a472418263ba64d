#!/usr/bin/python3
"""score --html in a real browser: headless Chromium (Debian package
`chromium`) loads the page from a file:// URL with the network off, and
  * its DOM shows "<script>alert(1)</script>", a persona's name that a
    lead's label field gives (score takes no label naming no persona), and
    a lead's title, as text (escaped); the one <script> element is the
    page's own (the search of the misses);
  * the search works: "#q=wholesales" in the address leaves one row of the
    misses shown, and says so; with scripts off every row shows and the
    search box stays hidden;
  * its screenshot is a real page, not blank: a PNG of the window size,
    decoded here with zlib alone, with many distinct colours and the text
    and bars making the pixel values vary.
A missing browser is a failure, not a skip: the HTML report is shipped."""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

CHROMIUM = "/usr/bin/chromium"
LEADSIEVE = os.environ["LEADSIEVE"]
DATA = os.path.join(os.environ["LS_TEST_DATA"], "score")
WIDTH, HEIGHT = 1200, 900


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def browser(tmp, url, *extra):
    profile = tempfile.mkdtemp(dir=tmp)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
           *extra, url]
    return subprocess.run(cmd, cwd=tmp, capture_output=True, timeout=120)


def png_pixels(path):
    """(width, height, channels, rows of bytes) of an 8-bit RGB/RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("screenshot is not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        fail("unexpected PNG format: depth %d colour type %d interlace %d"
             % (depth, ctype, interlace))
    ch = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * ch
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(ch, stride):
                line[i] = (line[i] + line[i - ch]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = line[i - ch] if i >= ch else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - ch] if i >= ch else 0
                b = prev[i]
                c = prev[i - ch] if i >= ch else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        elif f != 0:
            fail("bad PNG filter %d" % f)
        rows.append(bytes(line))
        prev = line
    return w, h, ch, rows


def main():
    if not os.access(CHROMIUM, os.X_OK):
        fail("%s not found: install the Debian package 'chromium' "
             "(apt-get install chromium) to test the HTML report" % CHROMIUM)
    tmp = tempfile.mkdtemp()
    try:
        leads = os.path.join(tmp, "leads.jsonl")
        with open(os.path.join(DATA, "leads.jsonl")) as src, open(leads, "w") as out:
            out.write(src.read())
            out.write('{"sales_id": "evil", "job_title": "<script>alert(1)</script> Sales '
                      'Manager", "want": "<script>alert(1)</script>"}\n')
        request = os.path.join(tmp, "request.json")
        with open(os.path.join(DATA, "request.json")) as src, open(request, "w") as out:
            req = json.load(src)
            req["personas"].append(["<script>alert(1)</script>", ["script"], [], [], 2])
            json.dump(req, out)
        page = os.path.join(tmp, "report.html")
        r = subprocess.run([LEADSIEVE, "score", "-q", "--request", request, "--label-field",
                            "want", "--html", page, leads], capture_output=True)
        if r.returncode != 0:
            fail("score --html exited %d: %s" % (r.returncode, r.stderr.decode()))
        url = "file://" + page

        r = browser(tmp, url, "--dump-dom")
        dom = r.stdout.decode("utf-8", "replace")
        if r.returncode != 0 or "</html>" not in dom:
            fail("chromium --dump-dom failed (%d): %s" % (r.returncode, r.stderr[-600:]))
        scripts = dom.lower().count("<script")
        own = "<script>(function(){var q=document.getElementById('q')"
        if scripts != 1 or own not in dom:
            fail("the page has %d <script> elements, want its own only: a lead string was "
                 "not escaped" % scripts)
        if "&lt;script&gt;alert(1)&lt;/script&gt;" not in dom:
            fail("the <script> label is not shown as text")
        for want in ("Precision, recall, F1", "Confusion", "Misses", "wholesales manager",
                     "Every miss", "The request", "<td><code>evil</code></td>"):
            if want not in dom:
                fail("the rendered page lacks %r" % want)
        rows = dom.count("<tr><td>FN</td>") + dom.count("<tr><td>FP</td>")
        if rows != 13 or "13 of 13 shown" not in dom or 'id="q" hidden' in dom:
            fail("with scripts: %d rows, want 13 all shown and the search box shown" % rows)

        # the search, filled from the address: the one row of s7
        r = browser(tmp, url + "#q=wholesales", "--dump-dom")
        dom = r.stdout.decode("utf-8", "replace")
        hidden = dom.count("<tr hidden=\"\">")
        if "1 of 13 shown" not in dom or hidden != 12:
            fail("search #q=wholesales: %d rows hidden, want 12" % hidden)
        # scripts off, the page is its HTML as written (headless Chromium
        # dumps no DOM without scripts): every row without `hidden`, the
        # search box with it
        class Rows(html.parser.HTMLParser):
            rows, hidden, box_hidden = 0, 0, None

            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "tr" and self.in_body:
                    self.rows += 1
                    self.hidden += "hidden" in a
                if tag == "tbody":
                    self.in_body = True
                if tag == "input" and a.get("id") == "q":
                    self.box_hidden = "hidden" in a
            in_body = False

        p = Rows()
        p.feed(open(page, encoding="utf-8").read())
        if (p.rows, p.hidden, p.box_hidden) != (13, 0, True):
            fail("without scripts: %d rows, %d hidden, search box hidden %s; want 13, 0, True"
                 % (p.rows, p.hidden, p.box_hidden))

        r = browser(tmp, url, "--screenshot=out.png", "--window-size=%d,%d" % (WIDTH, HEIGHT))
        shot = os.path.join(tmp, "out.png")
        if r.returncode != 0 or not os.path.exists(shot):
            fail("chromium --screenshot failed (%d): %s" % (r.returncode, r.stderr[-600:]))
        size = os.path.getsize(shot)
        if size < 5000:
            fail("screenshot is only %d bytes: blank page?" % size)
        w, h, ch, rows = png_pixels(shot)
        if (w, h) != (WIDTH, HEIGHT):
            fail("screenshot is %dx%d, want %dx%d" % (w, h, WIDTH, HEIGHT))
        colours, total, total_sq, n = set(), 0, 0, 0
        for row in rows[::3]:
            for x in range(0, w * ch, ch * 3):
                px = row[x:x + 3]
                colours.add(px)
                lum = px[0] + px[1] + px[2]
                total += lum
                total_sq += lum * lum
                n += 1
        mean = total / n
        variance = total_sq / n - mean * mean
        # a blank page is one colour with no variance; text in grey levels,
        # bars in three colours and shaded confusion cells give many
        if len(colours) < 20 or variance < 100:
            fail("the screenshot looks blank: %d colours, variance %.1f"
                 % (len(colours), variance))
        print("ok: %d bytes, %d colours, variance %.0f" % (size, len(colours), variance))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
