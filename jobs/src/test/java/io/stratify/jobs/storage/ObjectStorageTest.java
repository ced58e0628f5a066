package io.stratify.jobs.storage;

/**
 * The S3 pipeline test against s3proxy in this JVM: an S3 API over jclouds' in-memory blob store,
 * on a free localhost port, checking AWS signatures against fake keys. No Docker needed. The server
 * is stopped in the middle of the first attempt and started again for the re-run (an outage).
 */
class ObjectStorageTest extends S3PipelineContract {

  private InMemoryS3 server;

  @Override
  S3Endpoint start() throws Exception {
    server = InMemoryS3.start("stratify-test-access", "stratify-test-secret-0123456789");
    return server.endpoint();
  }

  @Override
  boolean canPause() {
    return true;
  }

  @Override
  void pause() throws Exception {
    server.stop();
  }

  @Override
  void resume() throws Exception {
    server.resume();
  }

  @Override
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String variant() {
    return "s3proxy";
  }
}
