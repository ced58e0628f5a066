package io.stratify.jobs.storage;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The S3 pipeline test against s3proxy in this JVM: an S3 API over jclouds' in-memory blob store,
 * on a free localhost port, checking AWS signatures against fake keys. No Docker needed.
 */
class ObjectStorageTest extends S3PipelineContract {

  private static final String ACCESS_KEY = "stratify-test-access";
  private static final String SECRET_KEY = "stratify-test-secret-0123456789";

  private BlobStoreContext blobs;
  private S3Proxy proxy;

  @Override
  S3Endpoint start() throws Exception {
    blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    return new S3Endpoint(
        URI.create("http://127.0.0.1:" + proxy.getPort()), ACCESS_KEY, SECRET_KEY);
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
