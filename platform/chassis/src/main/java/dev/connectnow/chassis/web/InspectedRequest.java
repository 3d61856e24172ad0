package dev.connectnow.chassis.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A request whose body passes through an {@link Inspector} as the application reads it, so a filter can refuse
 * a body (by throwing) without buffering it: the size limit counts bytes, the UTF-8 check validates them.
 */
final class InspectedRequest extends HttpServletRequestWrapper {

    /** Sees every body byte once, in order; throws to refuse the body. */
    interface Inspector {
        void read(byte[] bytes, int offset, int length) throws IOException;

        /** The body ended. */
        default void end() throws IOException {}
    }

    private final Inspector inspector;
    private ServletInputStream stream;

    InspectedRequest(HttpServletRequest request, Inspector inspector) {
        super(request);
        this.inspector = inspector;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new InspectedInputStream(super.getInputStream(), inspector);
        }
        return stream;
    }

    private static final class InspectedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final Inspector inspector;
        private final byte[] single = new byte[1];

        InspectedInputStream(ServletInputStream delegate, Inspector inspector) {
            this.delegate = delegate;
            this.inspector = inspector;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b < 0) {
                inspector.end();
            } else {
                single[0] = (byte) b;
                inspector.read(single, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n < 0) {
                inspector.end();
            } else if (n > 0) {
                inspector.read(buffer, offset, n);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            delegate.setReadListener(readListener);
        }
    }
}
