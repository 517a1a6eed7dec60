// Message catalogs (French and English), chosen from the browser language, switchable, remembered.
const catalogs = {
  en: {
    'nav.camera': 'Camera', 'nav.inbox': 'Snaps', 'nav.friends': 'Friends',
    'signin.title': 'Sign in', 'signup.title': 'Create your account',
    'field.username': 'Username', 'field.password': 'Password', 'field.displayName': 'Display name',
    'field.birthDate': 'Birth date', 'action.signin': 'Sign in', 'action.signup': 'Create account',
    'action.toSignup': 'No account yet? Create one', 'action.toSignin': 'Already registered? Sign in',
    'action.signout': 'Sign out', 'action.add': 'Add', 'action.accept': 'Accept', 'action.send': 'Send',
    'action.takePhoto': 'Take photo', 'action.view': 'Tap to view', 'action.replay': 'Replay',
    'friends.title': 'Friends', 'friends.add': 'Add a friend by username', 'friends.incoming': 'Requests',
    'friends.none': 'No friends yet.', 'friends.requested': 'Request sent.',
    'camera.title': 'Camera', 'camera.noCamera': 'No camera here (or permission denied): choose a file.',
    'camera.pick': 'Choose a photo or video', 'camera.sendTo': 'Send to', 'camera.viewSeconds': 'View time',
    'camera.noLimit': 'No limit', 'camera.caption': 'Caption', 'camera.sent': 'Snap sent!',
    'camera.uploading': 'Uploading…', 'camera.ready': 'Ready to send',
    'inbox.title': 'Snaps', 'inbox.empty': 'No snaps.', 'inbox.from': 'From {name}',
    'status.new': 'New', 'status.opened': 'Opened', 'status.gone': 'Gone',
    'viewer.screenshot': 'Leaving the page while viewing is reported as a screenshot (best effort).',
    'viewer.seconds': '{n} s', 'error.generic': 'Something went wrong.',
    'nav.stories': 'Stories', 'nav.insights': 'Insights', 'story.post': 'Post to story', 'story.as': 'Post as',
    'story.posted': 'Posted to the story!', 'story.mine': 'My story', 'story.viewers': 'Viewers',
    'story.noViewers': 'No viewers yet.', 'story.none': 'No stories from your friends right now.',
    'story.reply': 'Reply', 'insights.title': 'Insights', 'insights.account': 'Account', 'insights.views': 'Views',
    'insights.unique': 'Unique viewers', 'insights.completion': 'Completion', 'insights.subscribers': 'Subscribers',
    'insights.perDay': 'Views per day', 'insights.items': 'Stories', 'insights.ages': 'Audience ages',
    'insights.suppressed': 'hidden (< 10 people)', 'insights.csv': 'Download CSV', 'insights.none': 'No official account to show.',
    'insights.gained': 'Gained', 'insights.lost': 'Lost', 'insights.posted': 'Posted',
    'nav.chat': 'Chat', 'nav.discover': 'Discover', 'chat.title': 'Chat', 'chat.none': 'No conversations yet.',
    'chat.placeholder': 'Message', 'chat.read': 'Read', 'chat.save': 'Save', 'chat.unsave': 'Unsave',
    'chat.unread': '{n} unread', 'chat.with': 'Chat with {name}', 'action.block': 'Block', 'friends.blocked': 'Blocked.',
    'discover.title': 'Discover', 'discover.search': 'Search official accounts', 'discover.subscribe': 'Subscribe',
    'discover.subscribed': 'Subscribed', 'discover.leaderboard': 'Top city accounts', 'discover.subscribers': '{n} subscribers',
    'discover.none': 'No account found.', 'discover.page': 'Public page',
  },
  fr: {
    'nav.camera': 'Caméra', 'nav.inbox': 'Snaps', 'nav.friends': 'Amis',
    'signin.title': 'Connexion', 'signup.title': 'Créer ton compte',
    'field.username': "Nom d'utilisateur", 'field.password': 'Mot de passe', 'field.displayName': 'Nom affiché',
    'field.birthDate': 'Date de naissance', 'action.signin': 'Se connecter', 'action.signup': 'Créer le compte',
    'action.toSignup': 'Pas encore de compte ? Crée-le', 'action.toSignin': 'Déjà inscrit ? Connecte-toi',
    'action.signout': 'Se déconnecter', 'action.add': 'Ajouter', 'action.accept': 'Accepter', 'action.send': 'Envoyer',
    'action.takePhoto': 'Prendre la photo', 'action.view': 'Toucher pour voir', 'action.replay': 'Revoir',
    'friends.title': 'Amis', 'friends.add': "Ajouter un ami par nom d'utilisateur", 'friends.incoming': 'Demandes',
    'friends.none': "Pas encore d'amis.", 'friends.requested': 'Demande envoyée.',
    'camera.title': 'Caméra', 'camera.noCamera': 'Pas de caméra (ou accès refusé) : choisis un fichier.',
    'camera.pick': 'Choisir une photo ou une vidéo', 'camera.sendTo': 'Envoyer à', 'camera.viewSeconds': 'Durée de vue',
    'camera.noLimit': 'Sans limite', 'camera.caption': 'Légende', 'camera.sent': 'Snap envoyé !',
    'camera.uploading': 'Envoi…', 'camera.ready': 'Prêt à envoyer',
    'inbox.title': 'Snaps', 'inbox.empty': 'Aucun snap.', 'inbox.from': 'De {name}',
    'status.new': 'Nouveau', 'status.opened': 'Ouvert', 'status.gone': 'Disparu',
    'viewer.screenshot': "Quitter la page pendant la vue est signalé comme capture d'écran (au mieux).",
    'viewer.seconds': '{n} s', 'error.generic': 'Une erreur est survenue.',
    'nav.stories': 'Stories', 'nav.insights': 'Statistiques', 'story.post': 'Publier en story', 'story.as': 'Publier en tant que',
    'story.posted': 'Publié dans la story !', 'story.mine': 'Ma story', 'story.viewers': 'Vues par',
    'story.noViewers': 'Pas encore de vues.', 'story.none': 'Pas de story de tes amis pour le moment.',
    'story.reply': 'Répondre', 'insights.title': 'Statistiques', 'insights.account': 'Compte', 'insights.views': 'Vues',
    'insights.unique': 'Spectateurs uniques', 'insights.completion': 'Vues complètes', 'insights.subscribers': 'Abonnés',
    'insights.perDay': 'Vues par jour', 'insights.items': 'Stories', 'insights.ages': 'Âges du public',
    'insights.suppressed': 'masqué (< 10 personnes)', 'insights.csv': 'Télécharger le CSV', 'insights.none': 'Aucun compte officiel à afficher.',
    'insights.gained': 'Gagnés', 'insights.lost': 'Perdus', 'insights.posted': 'Publiée',
    'nav.chat': 'Chat', 'nav.discover': 'Découvrir', 'chat.title': 'Chat', 'chat.none': 'Pas encore de conversation.',
    'chat.placeholder': 'Message', 'chat.read': 'Lu', 'chat.save': 'Garder', 'chat.unsave': 'Ne plus garder',
    'chat.unread': '{n} non lus', 'chat.with': 'Chat avec {name}', 'action.block': 'Bloquer', 'friends.blocked': 'Bloqué.',
    'discover.title': 'Découvrir', 'discover.search': 'Chercher un compte officiel', 'discover.subscribe': "S'abonner",
    'discover.subscribed': 'Abonné', 'discover.leaderboard': 'Comptes de villes les plus suivis',
    'discover.subscribers': '{n} abonnés', 'discover.none': 'Aucun compte trouvé.', 'discover.page': 'Page publique',
  },
};

let current = localStorage.getItem('pastel.lang')
  || ((navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en');

export function lang() { return current; }

export function setLang(code) {
  current = catalogs[code] ? code : 'en';
  localStorage.setItem('pastel.lang', current);
  document.documentElement.lang = current;
}

export function t(key, params = {}) {
  const text = catalogs[current][key] ?? catalogs.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');
}

export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

export function formatNumber(value, style = 'decimal') {
  return new Intl.NumberFormat(current, {style, maximumFractionDigits: 1}).format(value);
}

export function formatTime(iso) {
  return new Intl.DateTimeFormat(current, {hour: '2-digit', minute: '2-digit'}).format(new Date(iso));
}

document.documentElement.lang = current;
