package io.stratify.jobs.storage;

import java.net.URI;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The S3 pipeline test against MinIO in a container: a second, independent S3 implementation.
 * Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioObjectStorageTest extends S3PipelineContract {

  @Container
  static final MinIOContainer MINIO =
      new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z")
          .withUserName("stratify-test")
          .withPassword("stratify-test-secret-0123456789");

  @Override
  S3Endpoint start() {
    return new S3Endpoint(URI.create(MINIO.getS3URL()), MINIO.getUserName(), MINIO.getPassword());
  }

  @Override
  void stop() {
    // The Testcontainers extension stops the container.
  }

  @Override
  String variant() {
    return "minio";
  }
}
