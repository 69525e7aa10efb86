package fuzzprog.b;

import fuzzprog.a.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Interfaces, inner classes with their outer instance, exceptions, arrays of references. */
public class Shapes {
    private final List<Shape> shapes = new ArrayList<Shape>();
    private double scale = 1.0;

    public class Square implements Shape {
        private final double side;

        public Square(double side) {
            this.side = side;
        }

        public double area() {
            return side * side * scale;
        }

        public String name() {
            return "square";
        }

        public int compareTo(Shape other) {
            return Double.compare(area(), other.area());
        }
    }

    public static final class Circle implements Shape {
        private final double r;

        public Circle(double r) {
            if (r < 0) {
                throw new IllegalArgumentException("negative radius " + r);
            }
            this.r = r;
        }

        public double area() {
            return Math.PI * r * r;
        }

        public String name() {
            return "circle";
        }

        public int compareTo(Shape other) {
            return Double.compare(area(), other.area());
        }
    }

    public Shape add(double size, boolean round) {
        Shape s;
        try {
            s = round ? new Circle(size) : new Square(size);
        } catch (IllegalArgumentException e) {
            s = new Square(-size);
        }
        shapes.add(s);
        return s;
    }

    public Shape[] sorted() {
        List<Shape> copy = new ArrayList<Shape>(shapes);
        Collections.sort(copy);
        return copy.toArray(new Shape[0]);
    }

    public synchronized double total() {
        double sum = 0;
        for (Shape s : shapes) {
            sum += s.area();
        }
        return sum;
    }

    public String names() {
        StringBuilder out = new StringBuilder();
        Shape[] all = sorted();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(all[i].name());
        }
        return out.toString();
    }
}
