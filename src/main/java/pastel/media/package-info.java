/// Media: uploads recognised from their bytes, re-encoded without metadata, served through signed URLs.
///
/// [pastel.media.MediaRoutes] (HTTP: upload, ranges, headers), [pastel.media.MediaService]
/// (ingest, expiry, sweeps; the processors, `Spool`, [pastel.media.SignedUrls] and
/// [pastel.media.MediaAccess] beside it) and [pastel.media.MediaStore], the only writer of
/// `media` and `server_secret`. Other features attach an upload inside their own transaction
/// through `MediaStore`'s `(Handle, ...)` methods.
package pastel.media;
