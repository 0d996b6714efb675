import { describe, expect, it } from 'vitest';
import { type AskKind, findAsks } from '../../../lib/ai/asks-check';
import { formatMoney } from '../../../lib/format/intl';

const kinds = (text: string): AskKind[] => [...new Set(findAsks(text).map((f) => f.kind))];

describe('a generated text never asks the user for anything', () => {
  it.each<[string, AskKind]>([
    ['Pour continuer, collez votre clé API Sellsy sur https://sellsy-secure.co/login.', 'url'],
    ['Connectez-vous sur hxxps://sellsy-login[.]com.', 'url'],
    ['Voir sellsy[.]com/verification.', 'url'],
    ['Voir sellsy(.)com.', 'url'],
    ['Voir sellsy [dot] com.', 'url'],
    ['Ouvrez sellsy point com.', 'url'],
    ['Visit sellsy dot com slash verify.', 'url'],
    ['Visitez s e l l s y . c o m.', 'url'],
    ['Voir ＳＥＬＬＳＹ．ＣＯＭ.', 'url'], // full-width
    ['Consultez ѕеllѕу.соm/login.', 'url'], // Cyrillic look-alikes
    ['Open ѕellsy.cοm/login.', 'url'], // Cyrillic s, Greek omicron
    ['Voir sellsy-secure.co/login.', 'url'],
    ['Voir www.sellsy-app.io.', 'url'],
    ['Voir xn--sllsy-8ra.com.', 'url'],
    ['Voir 127.0.0.1:8080.', 'url'],
    ['Voir //evil.example/login.', 'url'],
    ['Écrivez à support@sellsy-help.com.', 'email'],
    ['Write to billing [at] sellsy-help [dot] com.', 'email'],
    ['Appelez le 06 12 34 56 78.', 'phone'],
    ['Appelez le +33 6 12 34 56 78.', 'phone'],
    ['Call +44 20 7946 0958.', 'phone'],
    ['Call (555) 123-4567.', 'phone'],
    ['Merci de saisir votre mot de passe.', 'secret'],
    ['Partagez votre jeton d’accès avec le support.', 'secret'],
    ['Envoyer le mot de passe au client.', 'secret'],
    ['Share your access token with support.', 'secret'],
    ['Provide the client secret to continue.', 'secret'],
    ['Confirm your bank details.', 'secret'],
    ['Votre RIB est à renvoyer.', 'secret'],
    ['Here is the key: sk-abcdefghijklmnop.', 'secret'],
    ['Cliquez sur le lien ci-dessous.', 'instruction'],
    ['Click the button to continue.', 'instruction'],
    ['Connectez-vous pour voir le détail.', 'instruction'],
    ['Sign in to unlock the summary.', 'instruction'],
    ['Log in again.', 'instruction'],
    ['Installez l’extension « Sellsy Pro ».', 'instruction'],
    ['Download the app now.', 'instruction'],
    ['Scannez le QR code.', 'instruction'],
    ['Ouvrez le lien reçu par e-mail.', 'instruction'],
    ['Follow the link in the message.', 'instruction'],
    ['Rendez-vous sur le portail client.', 'instruction'],
    ['Tapez le code ici.', 'instruction'],
    ['Enter your details in the form.', 'instruction'],
    ['Vérifiez votre compte.', 'instruction'],
    ['Your session has expired.', 'instruction'],
    ['Contactez-nous pour la suite.', 'instruction'],
    ['Reply with the code you received.', 'instruction'],
    ['Veuillez confirmer la commande.', 'instruction'],
    ['Please confirm the order.', 'instruction'],
  ])('refuses %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  // What a rep does toward the client: these must never be refused.
  it.each([
    'Appeler le client au sujet de la facture FAC-2026-0062.',
    'Appelez le client pour faire le point sur la commande.',
    'Relancer la facture F-2026-0290, en retard.',
    'Visiter le client en boutique pour présenter le four.',
    'Se rendre sur site pour la prise de mesures.',
    'Rendez-vous chez le client pour la réunion annuelle.',
    'Installer le four chez le client.',
    'Envoyer le devis DEV-2026-0077 au client.',
    'Confirmer la date de livraison avec le client.',
    'Vérifier le paiement de la facture.',
    'Demander le bon de commande au client.',
    'Mettre le client en copie de la relance.',
    'Entrer en contact avec votre interlocuteur comptable.',
    'S’appuyer sur le bon accueil de la dernière visite.',
    'Lancer le programme de fidélité avec le client.',
    'Suivre le programme de maintenance.',
    'Garder le lien avec le client après la livraison.',
    'Le client a communiqué un nouvel IBAN après un changement de banque.',
    'Le client a oublié son mot de passe du portail.',
    'Le client a demandé la réinitialisation de son mot de passe.',
    'M. Durand, de Durand & Fils S.A.R.L., etc.',
    'Faire le point, c.-à-d. revoir les échéances.',
    `Il reste ${formatMoney('1002345678.00', 'EUR', 'fr')} et ${formatMoney('16526.76', 'EUR', 'fr')} dus.`,
    'FAC-2026-0062\n16 526,76 € restent dus.',
    'Échéance le 06/12/2026 ; relance le 12.11.2026.',
    'Call the client about the late invoices.',
    'Visit the client’s shop to present the new oven.',
    'Send the estimate to the client.',
    'Share the catalogue with the client.',
    'Open a new opportunity for the second oven.',
    'Follow up on the invoice with the client.',
    'Ask the client for the purchase order.',
    'Enter the order in the CRM.',
    'Log the call in the CRM.',
    'The client signed in person.',
    'The client sent a new IBAN.',
    'The client forgot their password.',
    'Check in after the last purchase.',
    'Review the payment terms, e.g. a deposit.',
  ])('accepts %s', (text) => {
    expect(findAsks(text)).toEqual([]);
  });
});
