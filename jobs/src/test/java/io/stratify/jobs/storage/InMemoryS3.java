package io.stratify.jobs.storage;

import io.stratify.jobs.storage.S3PipelineContract.S3Endpoint;
import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * s3proxy in this JVM: the S3 API over jclouds' in-memory blob store, on 127.0.0.1, checking AWS
 * signatures against fake keys. The store outlives the server, so {@link #stop()} then {@link
 * #resume()} is an outage that loses nothing. No Docker needed.
 */
final class InMemoryS3 implements AutoCloseable {

  private final String accessKey;
  private final String secretKey;
  private final BlobStoreContext blobs;
  private S3Proxy proxy;
  private S3Endpoint endpoint;

  private InMemoryS3(String accessKey, String secretKey) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
  }

  /** A new empty store, served on a free port. */
  static InMemoryS3 start(String accessKey, String secretKey) throws Exception {
    InMemoryS3 s3 = new InMemoryS3(accessKey, secretKey);
    try {
      s3.serve(0);
    } catch (Exception e) {
      s3.close();
      throw e;
    }
    return s3;
  }

  S3Endpoint endpoint() {
    return endpoint;
  }

  /** Stops the server; the objects stay. */
  void stop() throws Exception {
    proxy.stop();
  }

  /** Serves the same objects again on the same port. */
  void resume() throws Exception {
    serve(endpoint.url().getPort());
  }

  private void serve(int port) throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    endpoint =
        new S3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()), accessKey, secretKey);
  }

  @Override
  public void close() throws Exception {
    try {
      if (proxy != null) {
        proxy.stop();
      }
    } finally {
      blobs.close();
    }
  }
}
