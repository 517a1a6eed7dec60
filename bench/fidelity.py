#!/usr/bin/env python3
"""The broader media check driven by bench/fidelity.sh: makes the files, uploads them, checks them.

usage: fidelity.py BASE_URL WORK_DIR
"""
import json
import os
import re
import struct
import subprocess
import sys
import urllib.error
import urllib.request

BASE, WORK = sys.argv[1], sys.argv[2]
IN, OUT = os.path.join(WORK, "in"), os.path.join(WORK, "out")
os.makedirs(IN, exist_ok=True)
os.makedirs(OUT, exist_ok=True)

SECRETS = [b"SN-0123456789", b"Secret Photographer", b"taken at home", b"Toulouse", b"my home address",
           b"OwnerName-Alice", b"43.6045", b"Lens-SN-42"]
# exiftool groups that describe the file's structure, not the person or the camera.
STRUCTURAL = {"ExifTool", "System", "File", "Composite", "JFIF", "RIFF", "QuickTime", "Track1", "Track2", "Track3"}
PERSONAL = re.compile(r"GPS|Make|Model|Serial|Location|Artist|Author|Creator|Copyright|Comment|Software|Lens|Owner"
                      r"|Description|Title|Keyword|City|Country|DateTimeOriginal|HostComputer", re.I)
# What every MP4 track carries and ffmpeg's muxer writes itself: the handler's type and name
# ("VideoHandler", "SoundHandler"). "HandlerDescription" would match "Description" above, but it
# names the kind of track, nothing about the person or the camera.
MUXER_TAGS = {("HandlerDescription", "VideoHandler"), ("HandlerDescription", "SoundHandler"),
              ("HandlerType", "Video Track"), ("HandlerType", "Audio Track")}
# Sample table boxes (ISO/IEC 14496-12 8.9.3: `sgpd`, the AAC track's pre-roll group that ffmpeg
# writes), which match "Description" above and hold no text.
SAMPLE_TABLE_TAGS = {"SampleGroupDescription"}


def run(*cmd):
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(str(c) for c in cmd)} failed ({done.returncode}): {done.stderr[-500:]}")
    return done.stdout


def p(name):
    return os.path.join(IN, name)


# ---------------------------------------------------------------- the corpus
QUADRANTS = [("r", "220 40 40"), ("g", "40 180 60"), ("b", "40 60 200"), ("w", "235 235 235")]


def base(width=640, height=480):
    """A photo as displayed: red top-left, green top-right, blue bottom-left, white bottom-right."""
    out = p(f"base-{width}x{height}.png")
    if os.path.exists(out):
        return out
    parts = []
    for name, colour in QUADRANTS:
        run("vips", "black", p("q.v"), width // 2, height // 2, "--bands", 3)
        run("vips", "linear", p("q.v"), p(f"q{name}.v"), "1 1 1", colour, "--uchar")
        parts.append(p(f"q{name}.v"))
    run("vips", "arrayjoin", " ".join(parts), out, "--across", 2)
    return out


# Each maker's phones and cameras write their own set of tags besides the common ones.
MAKER_TAGS = {
    "Apple": ["-HostComputer=iPhone 15 Pro", "-GPSAltitude=150", "-GPSImgDirection=92.5", "-GPSSpeed=0",
              "-LensModel=iPhone 15 Pro back triple camera 6.765mm f/1.78", "-XMP-xmp:CreatorTool=17.1",
              "-XMP-photoshop:DateCreated=2024:05:17 10:00:00"],
    "samsung": ["-ImageUniqueID=SN-0123456789", "-XMP-xmp:CreatorTool=G998BXXU", "-UserComment=my home address"],
    "Google": ["-XMP-GPano:ProjectionType=equirectangular", "-XMP-GCamera:MicroVideo=1", "-ImageUniqueID=Lens-SN-42"],
    "NIKON": ["-XMP-aux:SerialNumber=SN-0123456789", "-XMP-aux:Lens=NIKKOR Z 24-70mm f/4 S", "-Artist=Secret Photographer",
              "-IPTC:Province-State=Occitanie", "-IPTC:Country-PrimaryLocationName=France"],
    "SONY": ["-BodySerialNumber=SN-0123456789", "-XMP-exifEX:LensSerialNumber=Lens-SN-42", "-Copyright=Secret Photographer",
             "-XMP-photoshop:City=Toulouse"],
    "FUJIFILM": ["-XMP-photoshop:City=Toulouse", "-XMP-iptcCore:Location=my home address",
                 "-XMP-dc:Rights=Secret Photographer", "-GPSDateStamp=2024:05:17", "-GPSTimeStamp=10:00:00"],
}


def tag(path, make, model, fmt):
    args = ["exiftool", "-q", "-q", "-m", "-overwrite_original", "-GPSLatitude=43.6045", "-GPSLatitudeRef=N",
            "-GPSLongitude=1.4442", "-GPSLongitudeRef=E", "-XMP-dc:Creator=Secret Photographer",
            "-XMP-dc:Description=taken at home", "-DateTimeOriginal=2024:05:17 10:00:00"]
    if fmt != "gif":
        args += [f"-Make={make}", f"-Model={model}", "-SerialNumber=SN-0123456789", "-OwnerName=OwnerName-Alice",
                 "-LensSerialNumber=Lens-SN-42", "-Software=Camera firmware 1.0"]
    if fmt in ("jpg", "png"):
        args += ["-IPTC:City=Toulouse", "-IPTC:By-line=Secret Photographer"]
    if fmt not in ("gif", "png"):
        args += MAKER_TAGS.get(make.split()[0] if make else "", [])
    args += ["-Comment=my home address", path]
    run(*args)


# vips operations that turn a displayed picture into what is stored for EXIF orientation N.
UNDO = {1: [], 2: [("flip", "horizontal")], 3: [("rot", "d180")], 4: [("flip", "vertical")],
        5: [("rot", "d90"), ("flip", "horizontal")], 6: [("rot", "d270")], 7: [("rot", "d270"), ("flip", "horizontal")],
        8: [("rot", "d90")]}


def oriented_jpeg(name, orientation, make="Canon", model="Canon EOS R5"):
    out = p(name)
    current = base()
    for i, (op, arg) in enumerate(UNDO[orientation]):
        step = p(f"{name}.{i}.v")
        run("vips", op, current, step, arg)
        current = step
    run("vips", "copy", current, out + "[Q=92]")
    tag(out, make, model, "jpg")
    run("exiftool", "-q", "-q", "-overwrite_original", f"-Orientation#={orientation}", out)
    return out


def adobe_profile():
    """An ICC v2 matrix/TRC profile for Adobe RGB (1998), as the Java tests make it."""
    out = p("adobe-rgb.icc")
    if os.path.exists(out):
        return out

    def s15(v):
        return int(round(v * 65536))

    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + struct.pack(">iii", s15(x), s15(y), s15(z))

    desc_text = b"Adobe RGB (1998) compatible, Pastel bench\0"
    tags = [(b"desc", b"desc" + b"\0" * 4 + struct.pack(">I", len(desc_text)) + desc_text + b"\0" * 74),
            (b"cprt", b"text" + b"\0" * 4 + b"No copyright\0"), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.60974, 0.31111, 0.01947)), (b"gXYZ", xyz(0.20528, 0.62567, 0.06087)),
            (b"bXYZ", xyz(0.14919, 0.06322, 0.74457))]
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 563)
    tags += [(b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body + b"\0" * (-len(body) % 4)
    size = offset + len(data)
    header = struct.pack(">III", size, 0, 0x02100000) + b"mntrRGB XYZ " + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
    header += b"acsp" + b"\0" * 24 + struct.pack(">iii", s15(0.9642), s15(1.0), s15(0.8249))
    header += b"\0" * (128 - len(header))
    with open(out, "wb") as f:
        f.write(header + struct.pack(">I", len(tags)) + table + data)
    return out


def _boxes(data, start, end):
    """(type, payload start, box end) of the ISO BMFF boxes in data[start:end]."""
    while start < end:
        size, kind = struct.unpack(">I4s", data[start:start + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[start + 8:start + 16])[0], 16
        elif size == 0:
            size = end - start
        yield kind, start + header, start + size
        start += size


def _box(kind, payload, version=None, flags=0):
    if version is not None:
        payload = struct.pack(">I", (version << 24) | flags) + payload
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _heic_tile(path):
    """The hvcC box and the coded bytes of the primary image of a one-image HEIC from heif-enc."""
    data = open(path, "rb").read()
    meta = next((s, e) for k, s, e in _boxes(data, 0, len(data)) if k == b"meta")
    hvcc, extents = None, []
    for kind, start, end in _boxes(data, meta[0] + 4, meta[1]):
        if kind == b"iprp":
            for k2, s2, e2 in _boxes(data, start, end):
                if k2 == b"ipco":
                    hvcc = next(data[s3 - 8:e3] for k3, s3, e3 in _boxes(data, s2, e2) if k3 == b"hvcC")
        if kind == b"iloc":
            version = data[start]
            sizes = struct.unpack(">H", data[start + 4:start + 6])[0]
            offset_size, length_size, base_size = sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15
            assert version == 0 and offset_size == 4 and length_size == 4 and base_size in (0, 4), "unexpected iloc"
            at = start + 6
            count = struct.unpack(">H", data[at:at + 2])[0]
            at += 2
            for _ in range(count):
                item, _ref = struct.unpack(">HH", data[at:at + 4])
                at += 4
                base_offset = struct.unpack(">I", data[at:at + 4])[0] if base_size else 0
                at += base_size
                n = struct.unpack(">H", data[at:at + 2])[0]
                at += 2
                for _ in range(n):
                    offset, length = struct.unpack(">II", data[at:at + 8])
                    at += 8
                    if item == 1:
                        extents.append(data[base_offset + offset:base_offset + offset + length])
    return hvcc, b"".join(extents)


def heic_grid(name, columns, rows, tile, width, height):
    """A HEIC made as phones make theirs: a `grid` item of rows x columns HEVC tiles (iPhones use
    512 x 512 tiles), cropped to width x height. heif-enc 1.15 cannot write grids, so each tile is
    encoded by heif-enc and the file is assembled here (ISO/IEC 23008-12, section 6.6.2.3)."""
    out = p(name)
    picture = base(columns * tile, rows * tile)
    tiles = []
    for r in range(rows):
        for c in range(columns):
            crop, single = p(f"{name}.{r}.{c}.png"), p(f"{name}.{r}.{c}.heic")
            run("vips", "crop", picture, crop, c * tile, r * tile, tile, tile)
            run("heif-enc", "-q", "80", "-o", single, crop)
            tiles.append(_heic_tile(single))
    n = len(tiles)
    grid_id = n + 1
    grid_data = struct.pack(">BBBBHH", 0, 0, rows - 1, columns - 1, width, height)
    ispe = lambda w, h: _box(b"ispe", struct.pack(">II", w, h), 0)
    properties = [hvcc for hvcc, _ in tiles] + [ispe(tile, tile), ispe(width, height)]
    ipco = _box(b"ipco", b"".join(properties))
    associations = b"".join(struct.pack(">HBBB", i + 1, 2, 0x80 | (i + 1), n + 1) for i in range(n))
    associations += struct.pack(">HBB", grid_id, 1, n + 2)
    ipma = _box(b"ipma", struct.pack(">I", grid_id) + associations, 0)
    infe = lambda item, kind, hidden: _box(b"infe", struct.pack(">HH4s", item, 0, kind) + b"\0", 2, 1 if hidden else 0)
    iinf = _box(b"iinf", struct.pack(">H", grid_id) + b"".join(infe(i + 1, b"hvc1", True) for i in range(n))
                + infe(grid_id, b"grid", False), 0)
    dimg = _box(b"dimg", struct.pack(">HH", grid_id, n) + b"".join(struct.pack(">H", i + 1) for i in range(n)))
    iref = _box(b"iref", dimg, 0)
    hdlr = _box(b"hdlr", struct.pack(">I4sIII", 0, b"pict", 0, 0, 0) + b"\0", 0)
    pitm = _box(b"pitm", struct.pack(">H", grid_id), 0)
    ftyp = _box(b"ftyp", b"heic" + struct.pack(">I", 0) + b"mif1heic")
    chunks = [grid_data] + [coded for _, coded in tiles]
    ids = [grid_id] + list(range(1, n + 1))

    def iloc(first_offset):
        entries, offset = b"", first_offset
        for item, chunk in zip(ids, chunks):
            entries += struct.pack(">HHHII", item, 0, 1, offset, len(chunk))
            offset += len(chunk)
        return _box(b"iloc", struct.pack(">HH", 0x4400, len(ids)) + entries, 0)

    def meta(first_offset):
        return _box(b"meta", hdlr + pitm + iloc(first_offset) + iinf + iref + _box(b"iprp", ipco + ipma), 0)

    head = len(ftyp) + len(meta(0)) + 8  # the mdat header
    with open(out, "wb") as f:
        f.write(ftyp + meta(head) + _box(b"mdat", b"".join(chunks)))
    # The grid must decode to the whole picture, as any HEIC reader shows it.
    shown = run("vipsheader", "-f", "width", out).strip(), run("vipsheader", "-f", "height", out).strip()
    if shown != (str(width), str(height)):
        raise RuntimeError(f"{name}: the grid decodes to {shown}, not {width}x{height}")
    return out


def tag_grid(path):
    tag(path, "Apple", "iPhone 15 Pro", "heic")
    return path


def ff(*args):
    run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", *args)


def video_from_base(name, seconds=1, vf="null", codec=("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"),
                    audio=True, extra=(), size=(320, 240)):
    out = p(name)
    src = base(*size)
    args = ["-loop", "1", "-framerate", "10", "-i", src]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    args += ["-t", str(seconds), "-vf", vf, *codec]
    if audio:
        args += ["-c:a", "aac", "-shortest"]
    ff(*args, *extra, out)
    return out


def rotated(name, rotation, codec):
    # ffmpeg 5.1 turns the tag rotate=N into a display matrix that players apply by turning the
    # picture N degrees counter-clockwise (ffprobe shows rotation=N): so the picture is stored
    # turned N degrees clockwise. Checked below with ffmpeg's own player-side rotation.
    undo = {90: "transpose=1", 180: "hflip,vflip", 270: "transpose=2"}[rotation]
    coded = video_from_base(name + ".coded.mp4", vf=undo, codec=codec)
    out = p(name)
    ff("-i", coded, "-c", "copy", "-metadata:s:v", f"rotate={rotation}", out)
    shown = first_frame(out, out + ".shown.png")
    if not orientation_ok(shown):
        raise RuntimeError(f"{name}: the corpus itself is not upright when played; fix rotated()")
    return out


def hdr(name, transfer):
    return video_from_base(name, vf=f"zscale=tin=bt709:min=bt709:pin=bt709:rin=limited:t={transfer}:m=bt2020nc:p=bt2020"
                                     f":r=limited:npl=100,format=yuv420p10le",
                           codec=("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                                  f"log-level=error:colorprim=bt2020:transfer={transfer}:colormatrix=bt2020nc",
                                  "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc",
                                  "-tag:v", "hvc1"))


def animation(name, fmt, transparent):
    frames = []
    for i, colour in enumerate(["220 40 40", "40 180 60", "40 60 200"]):
        frame = p(f"anim-{'t' if transparent else 'o'}{i}.png")
        if transparent:
            # The left half opaque, the right half fully transparent (white once flattened).
            run("vips", "black", p("a.v"), 48, 64, "--bands", 4)
            run("vips", "linear", p("a.v"), p("a1.v"), "1 1 1 1", colour + " 255", "--uchar")
            run("vips", "black", p("a2.v"), 48, 64, "--bands", 4)
            run("vips", "arrayjoin", f"{p('a1.v')} {p('a2.v')}", frame, "--across", 2)
        else:
            run("vips", "black", p("a.v"), 96, 64, "--bands", 3)
            run("vips", "linear", p("a.v"), frame, "1 1 1", colour, "--uchar")
        frames.append(frame)
    out = p(name)
    pattern = p(f"anim-{'t' if transparent else 'o'}%d.png")
    if fmt == "gif":
        ff("-framerate", "4", "-i", pattern, "-filter_complex",
           "split[a][b];[a]palettegen=reserve_transparent=1[q];[b][q]paletteuse", "-loop", "0", out)
    elif fmt == "apng":
        ff("-framerate", "4", "-i", pattern, "-plays", "0", "-f", "apng", out)
    else:
        gif = animation(name + ".gif", "gif", transparent)
        run("vips", "copy", gif + "[n=-1]", out)
    tag(out, "Canon", "EOS R5", "gif" if fmt == "gif" else fmt)
    return out


def corpus():
    files = []

    def add(name, path, kind="image", orient=True, hdr_transfer=None, landscape=True):
        files.append(dict(name=name, path=path, kind=kind, orient=orient, hdr=hdr_transfer, landscape=landscape))

    b = base()
    for o in range(1, 9):
        add(f"jpeg orientation {o}", oriented_jpeg(f"orient-{o}.jpg", o))
    makers = [("Apple", "iPhone 15 Pro", 6), ("samsung", "SM-S918B", 1), ("Google", "Pixel 8", 1),
              ("NIKON CORPORATION", "NIKON Z 6", 8), ("SONY", "ILCE-7M4", 1), ("FUJIFILM", "X-T5", 3)]
    for make, model, orientation in makers:
        add(f"jpeg {make} {model}", oriented_jpeg(f"{make.split()[0].lower()}.jpg", orientation, make, model))
    run("vips", "copy", b, p("p3.jpg") + "[Q=92,profile=p3]")
    tag(p("p3.jpg"), "Apple", "iPhone 15 Pro", "jpg")
    add("jpeg Display P3", p("p3.jpg"))
    run("vips", "copy", b, p("adobe.jpg") + f"[Q=92,profile={adobe_profile()}]")
    add("jpeg Adobe RGB", p("adobe.jpg"))
    run("vips", "icc_transform", b, p("cmyk.jpg"), "cmyk")
    add("jpeg CMYK", p("cmyk.jpg"))
    run("convert", b, "-interlace", "Plane", "-quality", "90", p("progressive.jpg"))
    tag(p("progressive.jpg"), "Canon", "EOS 5D", "jpg")
    add("jpeg progressive (ImageMagick)", p("progressive.jpg"))
    run("vips", "resize", b, p("large.jpg") + "[Q=85]", "7.8125")
    add("jpeg 5000x3750 (shrunk to 1920)", p("large.jpg"))
    run("vips", "colourspace", b, p("grey.jpg"), "b-w")
    add("jpeg greyscale", p("grey.jpg"), orient=False)

    run("vips", "bandjoin_const", b, p("rgba.png"), 200)
    tag(p("rgba.png"), "Canon", "EOS R5", "png")
    add("png with alpha", p("rgba.png"))
    # PNG48: forced, or ImageMagick stores these four colours as a 4-bit palette PNG.
    run("convert", b, "-depth", "16", "PNG48:" + p("16bit.png"))
    if "USHORT" not in run("vipsheader", "-f", "format", p("16bit.png")).upper():
        raise RuntimeError("16bit.png is not 16 bits per sample")
    add("png 16-bit (ImageMagick)", p("16bit.png"))
    run("convert", b, "PNG8:" + p("palette.png"))
    add("png palette", p("palette.png"))
    run("vips", "copy", b, p("p3.png") + "[profile=p3]")
    add("png Display P3", p("p3.png"))
    run("convert", b, "-colorspace", "Gray", "-alpha", "set", "-channel", "A", "-evaluate", "set", "80%", p("greyalpha.png"))
    add("png grey with alpha", p("greyalpha.png"), orient=False)

    run("vips", "copy", b, p("lossy.webp") + "[Q=85]")
    tag(p("lossy.webp"), "Google", "Pixel 8", "webp")
    add("webp lossy", p("lossy.webp"))
    run("vips", "copy", p("rgba.png"), p("alpha.webp") + "[lossless]")
    tag(p("alpha.webp"), "Google", "Pixel 8", "webp")
    add("webp lossless with alpha", p("alpha.webp"))
    run("vips", "copy", b, p("p3.webp") + "[Q=90,profile=p3]")
    add("webp Display P3", p("p3.webp"))

    run("heif-enc", "-q", "80", "-o", p("heifenc.heic"), b)
    tag(p("heifenc.heic"), "Apple", "iPhone 15 Pro", "heic")
    add("heic (heif-enc)", p("heifenc.heic"))
    run("vips", "copy", p("p3.png"), p("p3.heic"))
    add("heic Display P3 (libvips)", p("p3.heic"))
    run("heif-enc", "-q", "70", "-o", p("multi.heic"), b, p("p3.png"))
    add("heic with two images", p("multi.heic"))
    run("heif-enc", "-q", "80", "-t", "128", "-o", p("thumbed.heic"), b)
    add("heic with embedded thumbnail", p("thumbed.heic"))
    add("heic grid 2x2 of 512 (as iPhones make them)", tag_grid(heic_grid("grid-512.heic", 2, 2, 512, 1024, 768)))
    add("heic grid 4x3 of 256, cropped to 1000x750", heic_grid("grid-256.heic", 4, 3, 256, 1000, 750))
    run("vips", "copy", p("p3.png"), p("p3.avif"))
    add("avif Display P3 (libvips)", p("p3.avif"))
    run("heif-enc", "-A", "-q", "60", "-o", p("heifenc.avif"), b)
    tag(p("heifenc.avif"), "samsung", "SM-S918B", "avif")
    add("avif (heif-enc)", p("heifenc.avif"))
    # (10-bit AVIF: Debian 12's libaom aborts on it, so the 10-bit case is HEIC.)
    run("heif-enc", "-b", "10", "-q", "60", "-o", p("10bit.heic"), p("16bit.png"))
    add("heic 10-bit (heif-enc)", p("10bit.heic"))

    run("convert", b, p("still.gif"))
    tag(p("still.gif"), "", "", "gif")
    add("gif still", p("still.gif"))
    add("gif animated", animation("anim.gif", "gif", False), kind="video", orient=False)
    add("gif animated transparent", animation("anim-t.gif", "gif", True), kind="video", orient=False)
    add("webp animated transparent", animation("anim.webp", "webp", True), kind="video", orient=False)
    add("apng animated transparent", animation("anim.png", "apng", True), kind="video", orient=False)
    add("webp animated", animation("anim-o.webp", "webp", False), kind="video", orient=False)

    run("vips", "black", p("one.png"), 1, 1, "--bands", 3)
    add("png 1x1", p("one.png"), orient=False)
    run("vips", "resize", b, p("thin.jpg"), "0.0075", "--vscale", "2.0833")
    add("jpeg 5x1000", p("thin.jpg"), orient=False, landscape=False)
    run("vips", "resize", b, p("wide.png"), "7.8", "--vscale", "0.0146")
    add("png 4992x7", p("wide.png"), orient=False)
    run("vips", "resize", b, p("odd.jpg"), "3.0016", "--vscale", "2.2521")
    add("jpeg 1921x1081", p("odd.jpg"))

    # Videos
    mp4 = video_from_base("located.mp4", extra=("-metadata", "location=+43.6045+001.4442/", "-metadata",
                                                "title=taken at home", "-metadata", "creation_time=2024-05-17T10:00:00Z"))
    run("exiftool", "-q", "-q", "-m", "-overwrite_original", "-Make=Apple", "-Model=iPhone 15 Pro",
        "-XMP-dc:Creator=Secret Photographer", mp4)
    add("mp4 h264/aac with location", mp4, kind="video")
    add("mov with Apple keys", video_from_base("apple.mov", extra=(
        "-movflags", "use_metadata_tags", "-metadata", "com.apple.quicktime.make=Apple", "-metadata",
        "com.apple.quicktime.model=iPhone 15 Pro", "-metadata", "com.apple.quicktime.location.ISO6709=+43.6045+001.4442/",
        "-metadata", "com.apple.quicktime.software=17.1")), kind="video")
    x264 = ("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")
    x265 = ("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-tag:v", "hvc1")
    add("mp4 h264 rotated 90 (copied)", rotated("rot90.mp4", 90, x264), kind="video")
    add("mp4 h264 rotated 180 (copied)", rotated("rot180.mp4", 180, x264), kind="video")
    add("mp4 h264 rotated 270 (copied)", rotated("rot270.mp4", 270, x264), kind="video")
    add("mp4 hevc rotated 90 (re-encoded)", rotated("rot90-hevc.mp4", 90, x265), kind="video")
    add("mov hevc rotated 270 (re-encoded)", rotated("rot270-hevc.mov", 270, x265), kind="video")
    add("mp4 hevc HDR10 (PQ)", hdr("hdr10.mp4", "smpte2084"), kind="video", hdr_transfer="smpte2084")
    add("mov hevc HLG", hdr("hlg.mov", "arib-std-b67"), kind="video", hdr_transfer="arib-std-b67")
    add("webm vp9 without audio", video_from_base("vp9.webm", codec=("-c:v", "libvpx-vp9", "-deadline", "realtime", "-b:v", "300k"),
                                         audio=False), kind="video")
    add("webm vp8", video_from_base("vp8.webm", codec=("-c:v", "libvpx", "-b:v", "300k"), audio=False), kind="video")
    add("mp4 av1", video_from_base("av1.mp4", codec=("-c:v", "libsvtav1", "-preset", "12", "-pix_fmt", "yuv420p"),
                                   audio=False), kind="video")
    add("mov prores", video_from_base("prores.mov", codec=("-c:v", "prores_ks", "-profile:v", "0"), audio=False), kind="video")
    add("mp4 variable frame rate", video_from_base("vfr.mp4", vf="setpts='N/10/TB+0.05*sin(N)/TB'", extra=("-fps_mode", "vfr")),
        kind="video")
    add("mp4 without audio", video_from_base("silent.mp4", audio=False), kind="video")
    add("mp4 mpeg-4 part 2", video_from_base("mpeg4.mp4", codec=("-c:v", "mpeg4", "-q:v", "3")), kind="video")
    add("3gp", video_from_base("phone.3gp", codec=("-c:v", "mpeg4", "-q:v", "3"), size=(176, 144)), kind="video")
    add("mp4 anamorphic 720x480 (SAR 32:27)", video_from_base("anamorphic.mp4", vf="scale=720:480,setsar=32/27",
                                                                 size=(640, 480)), kind="video")
    add("mp4 h264 10-bit SDR", video_from_base("h264-10bit.mp4", codec=("-c:v", "libx264", "-preset", "ultrafast",
                                                                       "-pix_fmt", "yuv420p10le")), kind="video")
    # setsar=1: scale alone keeps the 4:3 shape with non-square pixels (a landscape picture).
    add("mp4 portrait 1080x1920", video_from_base("portrait.mp4", vf="scale=1080:1920,setsar=1"), kind="video", orient=False,
        landscape=False)
    add("mp4 hevc 2560x1440 (shrunk)", video_from_base("qhd.mp4", codec=x265, size=(2560, 1440)), kind="video")
    add("mov mjpeg", video_from_base("mjpeg.mov", codec=("-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p")), kind="video")
    return files


# ---------------------------------------------------------------- the API
def call(method, path, token=None, body=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(BASE + "/api/v1" + path, data=data, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    request.add_header("Content-Type", "application/octet-stream" if raw is not None else "application/json")
    try:
        with urllib.request.urlopen(request, timeout=900) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, {"detail": text[:200].decode(errors="replace")}


def account(name):
    call("POST", "/accounts", body=dict(username=name, password="benchmark password", displayName=name,
                                        birthDate="1990-01-01"))
    return call("POST", "/sessions", body=dict(username=name, password="benchmark password"))[1]["token"]


def fetch(url, target):
    with urllib.request.urlopen(BASE + url, timeout=120) as response, open(target, "wb") as f:
        f.write(response.read())


# ---------------------------------------------------------------- the checks
def metadata_left(path):
    left = []
    for line in run("exiftool", "-G1", "-a", "-s", "-u", path).splitlines():
        group = line[1:line.index("]")] if line.startswith("[") else ""
        tag_name = line[line.index("]") + 1:].split(":", 1)[0].strip() if "]" in line else line
        value = line.split(":", 1)[1].strip() if ":" in line else ""
        if (tag_name, value) in MUXER_TAGS or tag_name in SAMPLE_TABLE_TAGS:
            continue
        if group not in STRUCTURAL or PERSONAL.search(tag_name):
            if group in ("System", "File", "ExifTool", "Composite"):
                continue
            left.append(f"{group}:{tag_name}")
    with open(path, "rb") as f:
        data = f.read()
    left += [f"bytes:{s.decode()}" for s in SECRETS if s in data]
    return left


def pixel(path, fx, fy):
    w, h = int(run("vipsheader", "-f", "width", path)), int(run("vipsheader", "-f", "height", path))
    values = run("vips", "getpoint", path, int(w * fx), int(h * fy)).split()
    return [float(v) for v in values[:3]]


def near(rgb, target):
    return sum((a - b) ** 2 for a, b in zip(rgb, target)) ** 0.5 < 90


SDR_QUADRANTS = [(220, 40, 40), (40, 180, 60), (40, 60, 200)]
QUADRANT_POINTS = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75)]


def orientation_ok(picture, expected=SDR_QUADRANTS):
    """Red top-left, green top-right, blue bottom-left; `expected` are those three colours as
    they should look in this picture (a tone-mapped HDR picture has its own, see main)."""
    return all(near(pixel(picture, fx, fy), colour) for (fx, fy), colour in zip(QUADRANT_POINTS, expected))


def flat_srgb(path, target):
    """The picture upright, in sRGB from its own profile if it has one, transparency on white."""
    run("vips", "autorot", path, target + ".1.v")
    has_profile = "icc-profile-data" in run("vipsheader", "-a", target + ".1.v")
    if has_profile:
        run("vips", "icc_transform", target + ".1.v", target + ".2.v", "srgb", "--embedded")
    else:
        run("vips", "colourspace", target + ".1.v", target + ".2.v", "srgb")
    bands = int(run("vipsheader", "-f", "bands", target + ".2.v"))
    if bands in (2, 4):
        run("vips", "flatten", target + ".2.v", target + ".3.v", "--background", "255 255 255")
    else:
        run("vips", "copy", target + ".2.v", target + ".3.v")
    run("vips", "cast", target + ".3.v", target, "uchar")
    for suffix in (".1.v", ".2.v", ".3.v"):
        os.remove(target + suffix)
    return target


def first_frame(video, target, tone_map=None):
    vf = "format=rgb24"
    if tone_map:
        vf = (f"zscale=tin={tone_map}:min=bt2020nc:pin=bt2020:t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
              "tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p,scale=in_color_matrix=bt709,format=rgb24")
    ff("-i", video, "-frames:v", "1", "-vf", vf, target)
    return target


def delta_e(stored, reference, name):
    w, h = run("vipsheader", "-f", "width", stored).strip(), run("vipsheader", "-f", "height", stored).strip()
    sized = os.path.join(OUT, name + ".ref-sized.png")
    run("vips", "thumbnail", reference, sized, w, "--height", h, "--size", "force", "--no-rotate")
    diff = os.path.join(OUT, name + ".de.v")
    run("vips", "dE00", stored, sized, diff)
    value = float(run("vips", "avg", diff))
    os.remove(diff)
    return value


def main():
    # The corpus is remade when its recipe changes (v3: rotated videos the right way round,
    # transparent animations really transparent, a really 16-bit PNG and a really portrait video,
    # HEIC grids, more makers' tag sets).
    manifest = os.path.join(IN, "manifest-v3.json")
    if os.path.exists(manifest):
        with open(manifest) as m:
            files = json.load(m)
        print("reusing the corpus in", IN, "(delete it to make it again)", flush=True)
    else:
        print("making the corpus in", IN, flush=True)
        files = corpus()
        with open(manifest, "w") as m:
            json.dump(files, m)
    print(f"{len(files)} files", flush=True)
    a, b = account("fidelity.a"), account("fidelity.b")
    request = call("POST", "/friends/requests", a, dict(username="fidelity.b"))[1]
    call("POST", f"/friends/requests/{request['id']}/accept", b)
    server_errors = metadata_files = wrong = checked_orientation = 0
    differences = []
    print(f"{'file':44} {'status':>6} {'stored':>16} {'metadata':>9} {'upright':>8} {'dE00':>6}")
    for f in files:
        name = re.sub(r"[^a-z0-9]+", "-", f["name"].lower())
        with open(f["path"], "rb") as data:
            status, answer = call("POST", "/media", a, raw=data.read())
        if status >= 500:
            server_errors += 1
        if status != 201:
            print(f"{f['name']:44} {status:>6} {answer.get('detail', '')[:60]}")
            continue
        sent = call("POST", "/snaps", a, dict(mediaId=answer["id"], to=["fidelity.b"], viewSeconds=5))[1]
        opened = call("POST", f"/snaps/{sent['id']}/open", b)[1]
        suffix = ".mp4" if answer["kind"] == "video" else ".img"
        stored, thumb = os.path.join(OUT, name + suffix), os.path.join(OUT, name + ".thumb")
        fetch(opened["mediaUrl"], stored)
        fetch(opened["thumbnailUrl"], thumb)
        left = metadata_left(stored) + metadata_left(thumb)
        if left:
            metadata_files += 1
        # What a viewer sees: the stored image, or the stored video's first frame and its poster.
        if answer["kind"] == "video":
            seen = first_frame(stored, os.path.join(OUT, name + ".seen.png"))
        else:
            seen = flat_srgb(stored, os.path.join(OUT, name + ".seen.png"))
        if f["kind"] == "video" and answer["kind"] == "video":
            if f["path"].endswith((".gif", ".png", ".webp")):
                reference = flat_srgb(f["path"], os.path.join(OUT, name + ".ref.png"))
            else:
                reference = first_frame(f["path"], os.path.join(OUT, name + ".ref.png"), f["hdr"])
        else:
            reference = flat_srgb(f["path"], os.path.join(OUT, name + ".ref.png"))
        # An HDR clip tone-mapped to SDR does not show the SDR quadrant colours it was made from
        # (the tone curve darkens and desaturates them): its quadrants are expected to look as in
        # the reference tone mapping of the same clip, itself upright (checked by its hues).
        expected = SDR_QUADRANTS
        if f["hdr"]:
            expected = [pixel(reference, fx, fy) for fx, fy in QUADRANT_POINTS]
            if not (expected[0][0] > max(expected[0][1:]) and expected[1][1] > max(expected[1][0], expected[1][2])
                    and expected[2][2] > max(expected[2][:2])):
                raise RuntimeError(f"{f['name']}: the reference tone mapping is not upright: {expected}")
        upright = "n/a"
        if f["orient"] or not f["landscape"]:
            shape_ok = (answer["width"] > answer["height"]) == f["landscape"]
            pictures_ok = not f["orient"] or (orientation_ok(seen, expected)
                                              and orientation_ok(flat_srgb(thumb, thumb + ".png"), expected))
            checked_orientation += 1
            upright = "ok" if shape_ok and pictures_ok else "WRONG"
            if upright == "WRONG":
                wrong += 1
        difference = delta_e(seen, reference, name)
        differences.append(difference)
        print(f"{f['name']:44} {status:>6} {answer['kind'] + ' ' + str(answer['width']) + 'x' + str(answer['height']):>16} "
              f"{len(left):>9} {upright:>8} {difference:6.2f}" + (f"  left: {', '.join(left[:4])}" if left else ""),
              flush=True)
    print()
    print(f"files: {len(files)}; 5xx: {server_errors}; files with metadata left: {metadata_files}; "
          f"wrong orientation: {wrong} of {checked_orientation} checked; "
          f"CIEDE2000 mean {sum(differences) / len(differences):.2f}, max {max(differences):.2f}")


if __name__ == "__main__":
    main()
