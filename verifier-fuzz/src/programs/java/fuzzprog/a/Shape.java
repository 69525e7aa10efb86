package fuzzprog.a;

public interface Shape extends Comparable<Shape> {
    double area();

    String name();
}
