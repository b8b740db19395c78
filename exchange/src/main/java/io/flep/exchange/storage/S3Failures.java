package io.flep.exchange.storage;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into {@link IOException}s naming the operation, key, bucket and endpoint, and the cause. */
final class S3Failures {
  private final String bucket;
  private final String endpoint;

  S3Failures(String bucket, String endpoint) {
    this.bucket = bucket;
    this.endpoint = endpoint;
  }

  IOException of(String action, String objectKey, SdkException e) {
    return new IOException("could not " + action + " '" + objectKey + "' in S3 bucket '" + bucket + "' at endpoint "
        + endpoint + ": " + reason(e), e);
  }

  /** The S3 error code ("NoSuchKey", "AccessDenied", ...), or null when the answer had none (HEAD). */
  static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  private static String reason(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code = errorCode(service);
      String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
      String reason = "HTTP " + service.statusCode() + (code == null ? "" : " " + code)
          + (message == null ? "" : ": " + message);
      if ("NoSuchBucket".equals(code)) {
        return "the bucket does not exist (" + reason + ")";
      }
      if (service.statusCode() == 403) {
        return "access denied; check the credentials and their rights on the bucket (" + reason + ")";
      }
      return reason;
    }
    return e.getMessage();
  }
}
