package dev.connectnow.chassis.web;

/**
 * Checks bytes, fed one at a time, against the strict UTF-8 of RFC 3629 (Unicode table 3-7): no overlong
 * forms ({@code C0 AF} for '/'), no encoded surrogates ({@code ED A0 80}, CESU-8), nothing above U+10FFFF,
 * no stray or missing continuation bytes. Lenient decoders turn such bytes into other characters (a '/',
 * a '?'), which is how text changes between what a client sent and what a service stores.
 */
final class Utf8Validator {

    private int continuationBytesLeft;
    private int lowest = 0x80;
    private int highest = 0xBF;

    /** @return false when the byte cannot continue a valid UTF-8 sequence */
    boolean accept(int unsignedByte) {
        if (continuationBytesLeft > 0) {
            if (unsignedByte < lowest || unsignedByte > highest) {
                return false;
            }
            continuationBytesLeft--;
            lowest = 0x80;
            highest = 0xBF;
            return true;
        }
        if (unsignedByte <= 0x7F) {
            return true;
        }
        if (unsignedByte >= 0xC2 && unsignedByte <= 0xDF) {
            continuationBytesLeft = 1;
        } else if (unsignedByte >= 0xE0 && unsignedByte <= 0xEF) {
            continuationBytesLeft = 2;
            if (unsignedByte == 0xE0) {
                lowest = 0xA0; // below: an overlong form of U+0000..U+07FF
            } else if (unsignedByte == 0xED) {
                highest = 0x9F; // above: the surrogates U+D800..U+DFFF
            }
        } else if (unsignedByte >= 0xF0 && unsignedByte <= 0xF4) {
            continuationBytesLeft = 3;
            if (unsignedByte == 0xF0) {
                lowest = 0x90; // below: an overlong form of U+0000..U+FFFF
            } else if (unsignedByte == 0xF4) {
                highest = 0x8F; // above: beyond U+10FFFF
            }
        } else {
            return false; // a continuation byte without a lead, C0/C1 (always overlong) or F5..FF
        }
        return true;
    }

    /** @return false when the input stopped in the middle of a character */
    boolean complete() {
        return continuationBytesLeft == 0;
    }

    /** Whether all of {@code bytes} is valid UTF-8. */
    static boolean isValid(byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        for (byte b : bytes) {
            if (!validator.accept(b & 0xFF)) {
                return false;
            }
        }
        return validator.complete();
    }
}
