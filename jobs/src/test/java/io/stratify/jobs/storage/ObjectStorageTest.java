package io.stratify.jobs.storage;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The S3 pipeline test against s3proxy in this JVM: an S3 API over jclouds' in-memory blob store,
 * on a free localhost port, checking AWS signatures against fake keys. No Docker needed. The server
 * is stopped in the middle of the first attempt and started again for the re-run (an outage).
 */
class ObjectStorageTest extends S3PipelineContract {

  private static final String ACCESS_KEY = "stratify-test-access";
  private static final String SECRET_KEY = "stratify-test-secret-0123456789";

  private BlobStoreContext blobs;
  private S3Proxy proxy;

  @Override
  S3Endpoint start() throws Exception {
    blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
    startProxy(0);
    return new S3Endpoint(
        URI.create("http://127.0.0.1:" + proxy.getPort()), ACCESS_KEY, SECRET_KEY);
  }

  private void startProxy(int port) throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
  }

  /** The in-memory store outlives the server: stopping it keeps every object. */
  @Override
  boolean canPause() {
    return true;
  }

  @Override
  void pause() throws Exception {
    proxy.stop();
  }

  @Override
  void resume() throws Exception {
    startProxy(s3.url().getPort());
  }

  @Override
  void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
    if (blobs != null) {
      blobs.close();
    }
  }

  @Override
  String variant() {
    return "s3proxy";
  }
}
