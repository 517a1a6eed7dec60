package pastel.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/// On a [ServerTest]: its PostgreSQL run keeps blobs in S3 (S3Proxy) instead of files, so the
/// class runs on the two pairs an operator deploys, SQLite + files and PostgreSQL + S3, at no
/// extra run time.
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BlobsOnS3 {}
