package dev.connectnow.chassis.web;

import java.io.IOException;

/** Raised while reading a JSON body whose bytes are not strict UTF-8 (see {@link Utf8Validator}). */
public class MalformedUtf8Exception extends IOException {

    public MalformedUtf8Exception() {
        super("The request body is not valid UTF-8");
    }
}
