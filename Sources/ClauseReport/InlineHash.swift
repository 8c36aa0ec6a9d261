import ClauseDocument
import Crypto

/// The Content-Security-Policy source for an inline `<style>` or `<script>`: `sha256-` and the
/// base64 of the SHA-256 of its exact text.
enum InlineHash {
    static func of(_ text: String) -> String {
        "sha256-" + Base64.encode(Array(SHA256.hash(data: Array(text.utf8))))
    }
}
