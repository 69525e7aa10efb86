import org.apache.commons.math3.fraction.Fraction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.commons.math3.util.CombinatoricsUtils;

/** commons-math3 statistics, linear algebra, regression and fractions. */
public class MathStats {
    public static void main(String[] args) {
        DescriptiveStatistics stats = new DescriptiveStatistics();
        for (double v : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) stats.addValue(v);
        System.out.printf("mean %.3f sd %.3f median %.1f p90 %.2f%n", stats.getMean(), stats.getStandardDeviation(),
                stats.getPercentile(50), stats.getPercentile(90));
        RealMatrix a = new Array2DRowRealMatrix(new double[][] {{2, 1, 1}, {1, 3, 2}, {1, 0, 0}});
        var solver = new LUDecomposition(a).getSolver();
        System.out.println("det " + new LUDecomposition(a).getDeterminant());
        System.out.println("x " + solver.solve(new ArrayRealVector(new double[] {4, 5, 6})));
        System.out.println("inverse " + solver.getInverse());
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < 10; i++) regression.addData(i, 3 * i + 2 + (i % 2 == 0 ? 0.5 : -0.5));
        System.out.printf("slope %.4f intercept %.4f r2 %.4f%n", regression.getSlope(), regression.getIntercept(), regression.getRSquare());
        System.out.println(new Fraction(1, 3).add(new Fraction(1, 6)) + " " + CombinatoricsUtils.binomialCoefficient(10, 3));
    }
}
