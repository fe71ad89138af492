// Runs EPUBCheck on many EPUB files in one Java process (tests/formats/test_epub.py).
//
//   java -cp epubcheck.jar EpubCheckBatch.java BOOK.epub REPORT.json [BOOK.epub REPORT.json ...]
//
// Each book is checked by EPUBCheck's own command-line entry point, exactly as
// `java -jar epubcheck.jar BOOK.epub --json REPORT.json` would check it; only the Java start-up
// and warm-up are shared, which makes twenty books take seconds instead of minutes. The exit
// status is the worst of the books' (0: no errors).

import com.adobe.epubcheck.tool.EpubChecker;

public class EpubCheckBatch {
  public static void main(String[] args) {
    if (args.length == 0 || args.length % 2 != 0) {
      System.err.println("usage: EpubCheckBatch BOOK.epub REPORT.json [BOOK.epub REPORT.json ...]");
      System.exit(2);
    }
    int worst = 0;
    for (int i = 0; i < args.length; i += 2) {
      int status = new EpubChecker().run(new String[] {args[i], "--json", args[i + 1], "--quiet"});
      worst = Math.max(worst, status);
    }
    System.exit(worst);
  }
}
