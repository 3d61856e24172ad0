package dev.connectnow.chassis.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string the API refuses to store, e.g. one containing NUL (PostgreSQL text cannot hold it). */
public class InvalidTextException extends MismatchedInputException {

    public InvalidTextException(JsonParser parser, String message) {
        super(parser, message, String.class);
    }
}
