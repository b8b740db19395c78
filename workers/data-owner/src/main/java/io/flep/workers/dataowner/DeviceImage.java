package io.flep.workers.dataowner;

/** One image as a device delivers it: where it came from, its class label and 8-bit grey pixels. */
public record DeviceImage(String sourceName, int label, int width, int height, byte[] pixels) {}
