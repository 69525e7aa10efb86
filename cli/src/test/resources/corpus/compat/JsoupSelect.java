import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** jsoup parsing an HTML string, selecting with CSS, and cleaning. */
public class JsoupSelect {
    public static void main(String[] args) {
        String html = """
                <html><head><title>SingJ &amp; friends</title></head>
                <body><div id=main><p class=lead>Hello <b>world</b></p>
                <ul><li><a href="/one">One</a><li><a href="http://example.org/two">Two</a><li>no link</ul>
                <table><tr><td>1<td>2<tr><td>3<td>4</table></div></body></html>""";
        Document doc = Jsoup.parse(html, "http://example.org/");
        System.out.println(doc.title());
        System.out.println(doc.select("p.lead").text());
        for (Element a : doc.select("a[href]")) {
            System.out.println(a.text() + " -> " + a.attr("href"));
        }
        int sum = doc.select("td").stream().mapToInt(td -> Integer.parseInt(td.text())).sum();
        System.out.println("sum " + sum + ", items " + doc.select("li").size());
        doc.select("b").wrap("<i></i>");
        System.out.println(doc.getElementById("main").select("p").outerHtml());
        System.out.println(Jsoup.parse("<p>a<script>x</script>b</p>").text());
    }
}
