package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Severity;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Reads the saved servers of FTP/SFTP clients and of editors' deploy extensions, and the
 * connections of database GUIs that keep passwords in plain text.
 *
 * <ul>
 *   <li>FileZilla's {@code sitemanager.xml}, {@code recentservers.xml} and {@code filezilla.xml}:
 *       each {@code <Server>}'s {@code <Pass>}, plain or {@code encoding="base64"} (decoded to
 *       judge it, reported as written); {@code encoding="crypt"} is protected by a master
 *       password and not reported.
 *   <li>JSON deploy configs: VS Code's {@code .vscode/sftp.json}, Sublime's {@code sftp-config.json},
 *       {@code ftp-config.json}, {@code ftp-sync.json}, {@code ftp-simple.json}, Atom's
 *       {@code .ftpconfig} and {@code .remote-sync.json}: each object's password or passphrase
 *       with its host and user (comments and trailing commas allowed, as those editors do).
 *   <li>WinSCP's {@code WinSCP.ini}: each {@code [Sessions\...]} section's {@code Password},
 *       stored with a reversible obfuscation, so as good as plain text.
 *   <li>Robo 3T's {@code robo3t.json}: {@code userPassword} and SSH passwords of each connection
 *       ({@code database-gui-password}).
 * </ul>
 */
final class FtpClientConfigAnalyzer extends CredentialFileAnalyzer {
    private static final Set<String> FILEZILLA = Set.of("sitemanager.xml", "recentservers.xml", "filezilla.xml");
    private static final Set<String> JSON_CONFIGS = Set.of("sftp-config.json", "ftp-config.json", "ftp-sync.json",
            "ftp-simple.json", ".ftpconfig", ".remote-sync.json", "robo3t.json", "robomongo.json");
    private static final Set<String> PASSWORD_KEYS = Set.of("password", "pass", "passwd", "passphrase", "userpassword",
            "sshpassword", "sshuserpassword", "sshpassphrase");
    private static final List<String> USER_KEYS = List.of("user", "username", "login", "sshusername", "sshuser");
    private static final List<String> HOST_KEYS = List.of("host", "hostname", "server", "serverhost", "sshhost", "sshaddress");

    /** The lenient JSON reader, made on first use: a pre-commit scan of other files never loads Jackson. */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .build();
    }

    @Override
    boolean appliesTo(String path, String name) {
        return FILEZILLA.contains(name) || JSON_CONFIGS.contains(name) || name.equals("winscp.ini")
                || name.equals("sftp.json") && path.toLowerCase(Locale.ROOT).endsWith(".vscode/sftp.json");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        String name = name(analysis.file().path());
        if (FILEZILLA.contains(name)) {
            fileZilla(analysis);
        } else if (name.equals("winscp.ini")) {
            winScp(analysis);
        } else {
            json(analysis, name.startsWith("robo") ? "database-gui-password" : "ftp-client-password");
        }
    }

    private static String fix(String host) {
        return "Change the password at " + (host == null ? "the server" : host)
                + ", remove the file from the repository and add it to .gitignore; prefer an SSH key with a passphrase";
    }

    private static void fileZilla(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, String> server = new HashMap<>();
        String element = null;
        String encoding = null;
        int passLine = 0;
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(file.text()));
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    element = xml.getLocalName();
                    if (element.equals("Server")) {
                        server.clear();
                    } else if (element.equals("Pass")) {
                        encoding = xml.getAttributeValue(null, "encoding");
                        passLine = xml.getLocation().getLineNumber();
                    }
                } else if (event == XMLStreamConstants.CHARACTERS && element != null) {
                    server.merge(element, xml.getText(), String::concat);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    element = null;
                    if (xml.getLocalName().equals("Server")) {
                        fileZillaServer(analysis, server, encoding, passLine);
                        encoding = null;
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            analysis.error(line, "not well-formed XML, so the saved servers after this line were not read: "
                    + e.getMessage().replaceAll("(?s).*Message: ", "").strip());
        }
    }

    private static void fileZillaServer(FileAnalysis analysis, Map<String, String> server, String encoding, int line) {
        String written = server.getOrDefault("Pass", "").strip();
        if (written.isEmpty() || "crypt".equals(encoding)) {
            return;
        }
        String password = written;
        if ("base64".equals(encoding)) {
            try {
                password = new String(Base64.getDecoder().decode(written), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return;
            }
        }
        String host = server.getOrDefault("Host", "").strip();
        String port = server.getOrDefault("Port", "").strip();
        int offset = offsetOn(analysis.file(), line, written);
        String what = "FileZilla saved password" + ("base64".equals(encoding) ? " (base64, not encrypted)" : "");
        judge(password, Severity.HIGH).ifPresent(severity -> report(analysis, new Credential("ftp-client-password",
                offset, written, "Pass", server.getOrDefault("User", "").strip(), port.isEmpty() ? host : host + ":" + port,
                what, fix(host)), severity));
    }

    /** Returns the offset of {@code value} on 1-based {@code line} or the lines after it, or the line's start. */
    private static int offsetOn(SourceFile file, int line, String value) {
        int start = file.lineStart(Math.max(1, Math.min(line, file.lineCount())));
        int found = file.text().indexOf(value, start);
        return found >= 0 ? found : start;
    }

    private static void winScp(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        String section = null;
        Map<String, String> values = new HashMap<>();
        int passwordOffset = -1;
        String text = file.text();
        int offset = 0;
        for (String raw : (text + "\n[]").split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                if (section != null && passwordOffset >= 0) {
                    String host = values.get("hostname");
                    reportIfSecret(analysis, new Credential("ftp-client-password", passwordOffset, values.get("password"),
                            "Password", values.get("username"), host, "WinSCP saved password (reversibly obfuscated)",
                            fix(host)), Severity.HIGH);
                }
                section = line.startsWith("[Sessions\\") ? line : null;
                values.clear();
                passwordOffset = -1;
            } else if (section != null && line.contains("=")) {
                String key = line.substring(0, line.indexOf('=')).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf('=') + 1).strip();
                values.put(key, value);
                if (key.equals("password") && !value.isEmpty()) {
                    passwordOffset = offset + raw.indexOf(value, raw.indexOf('='));
                }
            }
            offset += raw.length() + 1;
        }
    }

    private static void json(FileAnalysis analysis, String rule) {
        SourceFile file = analysis.file();
        Deque<Map<String, Object[]>> objects = new ArrayDeque<>();
        try (JsonParser json = Json.FACTORY.createParser(ObjectReadContext.empty(), file.text())) {
            JsonToken token;
            while ((token = json.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT) {
                    objects.push(new HashMap<>());
                } else if (token == JsonToken.END_OBJECT) {
                    jsonObject(analysis, rule, objects.pop());
                } else if (token == JsonToken.VALUE_STRING && !objects.isEmpty() && json.currentName() != null) {
                    long at = json.currentTokenLocation().getCharOffset();
                    objects.peek().put(json.currentName().toLowerCase(Locale.ROOT),
                            new Object[] {json.getString(), (int) at + 1, json.currentName()});
                }
            }
        } catch (JacksonException e) {
            analysis.error(e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr()),
                    "not valid JSON, so the connections after this line were not read: " + e.getOriginalMessage());
        }
    }

    private static void jsonObject(FileAnalysis analysis, String rule, Map<String, Object[]> fields) {
        String host = first(fields, HOST_KEYS);
        String user = first(fields, USER_KEYS);
        for (Map.Entry<String, Object[]> field : fields.entrySet()) {
            if (PASSWORD_KEYS.contains(field.getKey())) {
                Object[] value = field.getValue();
                reportIfSecret(analysis, new Credential(rule, (Integer) value[1], (String) value[0], (String) value[2], user,
                        host, (rule.equals("ftp-client-password") ? "Deploy config " : "Database GUI connection ")
                                + value[2], fix(host)), Severity.HIGH);
            }
        }
    }

    private static String first(Map<String, Object[]> fields, List<String> keys) {
        for (String key : keys) {
            Object[] value = fields.get(key);
            if (value != null && !((String) value[0]).isBlank()) {
                return (String) value[0];
            }
        }
        return null;
    }
}
