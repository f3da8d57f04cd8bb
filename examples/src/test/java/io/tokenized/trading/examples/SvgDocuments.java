package io.tokenized.trading.examples;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The SVG elements of an HTML page, each parsed as an XML document (a malformed one throws). */
final class SvgDocuments {
    private static final Pattern SVG = Pattern.compile("<svg[\\s>].*?</svg>", Pattern.DOTALL);

    private SvgDocuments() {
    }

    static List<Document> parse(String html) throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<Document> documents = new ArrayList<>();
        Matcher matcher = SVG.matcher(html);
        while (matcher.find()) {
            documents.add(factory.newDocumentBuilder().parse(new InputSource(new StringReader(matcher.group()))));
        }
        return documents;
    }
}
