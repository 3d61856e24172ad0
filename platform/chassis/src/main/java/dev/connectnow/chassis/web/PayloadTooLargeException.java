package dev.connectnow.chassis.web;

import java.io.IOException;

/** Raised while reading a body without Content-Length that grows past the limit. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
