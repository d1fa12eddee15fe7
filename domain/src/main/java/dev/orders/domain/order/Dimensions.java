package dev.orders.domain.order;

/** An image's size in pixels, as its header declares it. */
public record Dimensions(int width, int height) {

    public Dimensions {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("dimensions cannot be negative");
        }
    }

    /** Width × height, exact (a header may declare up to 2³¹ − 1 on each side). */
    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + " x " + height;
    }
}
