// Message catalogs (French and English), chosen from the browser language, switchable, remembered.
const catalogs = {
  en: {
    'nav.camera': 'Camera', 'nav.notifications': 'Notifications', 'nav.inbox': 'Snaps', 'nav.friends': 'Friends',
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
    'nav.camera': 'Caméra', 'nav.notifications': 'Notifications', 'nav.inbox': 'Snaps', 'nav.friends': 'Amis',
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

// Keys added with the camera's video and geofilters, the official-account screens and errors.
Object.assign(catalogs.en, {
  'action.record': 'Record video', 'action.stop': 'Stop recording', 'camera.switch': 'Switch camera',
  'camera.hold': 'Hold the button to record a video, or use Record.', 'camera.recording': 'Recording…',
  'camera.geofilters': 'Geofilters here', 'camera.locate': 'Find geofilters here', 'camera.noFilter': 'No filter',
  'camera.noGeofilters': 'No geofilter here.', 'camera.locationDenied': 'Location unavailable.',
  'nav.official': 'Manage', 'official.title': 'Official account', 'official.community': 'Community submissions',
  'official.noSubmissions': 'Nothing waiting.', 'official.approve': 'Approve', 'official.reject': 'Reject',
  'official.anonymous': 'anonymous', 'official.team': 'Team', 'official.grant': 'Add a manager (username)',
  'official.revoke': 'Remove', 'official.geofilters': 'Geofilters', 'official.newGeofilter': 'New geofilter',
  'official.geofilterName': 'Name', 'official.area': 'Area: one "latitude, longitude" point per line (at least 3)',
  'official.starts': 'Starts', 'official.ends': 'Ends', 'official.png': 'Overlay (PNG with transparency, at most 1080 x 1920)',
  'official.create': 'Publish geofilter', 'official.created': 'Geofilter sent.', 'official.preview': 'Preview',
  'official.uses': '{n} uses', 'official.status.pending': 'waiting for an admin', 'official.status.active': 'active',
  'official.status.approved': 'approved', 'official.status.rejected': 'rejected', 'official.mapHint': 'Map of about 2 km around the first point or your position: tap it to add a point.',
  'official.clearPoints': 'Clear points', 'official.around': 'Area around my position', 'official.shape': 'Shape of the area',
  'camera.community': 'Submit to a community story', 'camera.communityOf': 'Official account (username)',
  'camera.anonymous': 'Anonymously', 'camera.submitted': 'Submitted: the team will review it.',
  'insights.subscribersPerDay': 'Subscribers gained and lost per day',
  'problem.400': 'Some information is not valid.', 'problem.401': 'Sign in first.', 'problem.403': 'You may not do this.',
  'problem.404': 'Not found.', 'problem.409': 'This conflicts with the current state.', 'problem.410': 'This is gone.',
  'problem.413': 'This is too large.', 'problem.415': 'This kind of file is not accepted.',
  'problem.429': 'Too many attempts: try again later.', 'field.media': 'Media', 'field.text': 'Message',
  'story.close': 'Close', 'story.controls': 'Story: tap for the next item, hold to pause (keys: → next, space pause, Esc close)',
});
Object.assign(catalogs.fr, {
  'action.record': 'Filmer', 'action.stop': "Arrêter l'enregistrement", 'camera.switch': 'Changer de caméra',
  'camera.hold': 'Maintiens le bouton pour filmer, ou utilise Filmer.', 'camera.recording': 'Enregistrement…',
  'camera.geofilters': 'Géofiltres ici', 'camera.locate': 'Trouver les géofiltres ici', 'camera.noFilter': 'Sans filtre',
  'camera.noGeofilters': 'Aucun géofiltre ici.', 'camera.locationDenied': 'Position indisponible.',
  'nav.official': 'Gérer', 'official.title': 'Compte officiel', 'official.community': 'Contributions de la communauté',
  'official.noSubmissions': 'Rien en attente.', 'official.approve': 'Accepter', 'official.reject': 'Refuser',
  'official.anonymous': 'anonyme', 'official.team': 'Équipe', 'official.grant': "Ajouter un gestionnaire (nom d'utilisateur)",
  'official.revoke': 'Retirer', 'official.geofilters': 'Géofiltres', 'official.newGeofilter': 'Nouveau géofiltre',
  'official.geofilterName': 'Nom', 'official.area': 'Zone : un point « latitude, longitude » par ligne (au moins 3)',
  'official.starts': 'Début', 'official.ends': 'Fin', 'official.png': 'Calque (PNG transparent, au plus 1080 x 1920)',
  'official.create': 'Publier le géofiltre', 'official.created': 'Géofiltre envoyé.', 'official.preview': 'Aperçu',
  'official.uses': '{n} utilisations', 'official.status.pending': "en attente d'un admin", 'official.status.active': 'actif',
  'official.status.approved': 'approuvé', 'official.status.rejected': 'refusé', 'official.mapHint': 'Carte d’environ 2 km autour du premier point ou de ta position : touche-la pour ajouter un point.',
  'official.clearPoints': 'Effacer les points', 'official.around': 'Zone autour de ma position', 'official.shape': 'Forme de la zone',
  'camera.community': 'Proposer à une story communautaire', 'camera.communityOf': "Compte officiel (nom d'utilisateur)",
  'camera.anonymous': 'Anonymement', 'camera.submitted': "Proposé : l'équipe va le regarder.",
  'insights.subscribersPerDay': 'Abonnés gagnés et perdus par jour',
  'problem.400': 'Certaines informations ne sont pas valides.', 'problem.401': "Connecte-toi d'abord.",
  'problem.403': "Tu n'as pas le droit de faire ça.", 'problem.404': 'Introuvable.',
  'problem.409': "Ce n'est pas possible dans l'état actuel.", 'problem.410': 'Ce contenu a disparu.',
  'problem.413': 'C’est trop volumineux.', 'problem.415': "Ce type de fichier n'est pas accepté.",
  'problem.429': 'Trop de tentatives : réessaie plus tard.', 'field.media': 'Média', 'field.text': 'Message',
  'story.close': 'Fermer', 'story.controls': 'Story : touche pour passer, maintiens pour mettre en pause (touches : → suivant, espace pause, Échap fermer)',
});

// Keys of the phone client (camera first, tab bar, viewers, friends, profile). A value may be a
// plural set ({one, other}) chosen with Intl.PluralRules (French "1 abonné", "0 abonné", "2 abonnés").
Object.assign(catalogs.en, {
  'nav.profile': 'Me', 'nav.skip': 'Skip to content', 'auth.tagline': 'Snaps that disappear, stories for a day, your city.',
  'action.back': 'Back', 'action.cancel': 'Cancel', 'action.close': 'Close', 'action.decline': 'Decline', 'action.save': 'Save',
  'camera.shutter': 'Take a photo (hold to film a video)', 'camera.hold': 'Tap for a photo, hold for a video',
  'camera.captionPlaceholder': 'Add a caption…', 'camera.caption': 'Caption',
  'camera.alt': 'Description for people who cannot see it (alt text)',
  'camera.altPlaceholder': 'Describe it (needed for official accounts)…', 'camera.retake': 'Retake (discard this shot)',
  'camera.yourShot': 'Your shot', 'camera.yourPhoto': 'The photo you just took', 'camera.yourClip': 'The video you just filmed',
  'camera.sendTo': 'Send to', 'camera.searchFriends': 'Search friends', 'camera.stories': 'Stories', 'camera.friends': 'Friends',
  'camera.noFriends': 'No friends yet: add some from the Chat tab.', 'camera.myStory': 'My story',
  'camera.myStoryHint': 'Your friends, for 24 hours', 'camera.postAs': 'Story of {name}', 'camera.pickSomeone': 'Choose who gets it',
  'camera.communityShort': 'community story of {name}', 'camera.sending': 'Sending…', 'camera.sentTo': 'Sent to {names}!',
  'camera.locating': 'Looking for geofilters here…', 'camera.locate': 'Geofilters of this place', 'camera.pick': 'Choose a photo or video',
  'chat.newMessage': 'New message from {name}', 'chat.open': 'Tap to chat', 'chat.saved': 'Saved',
  'chat.unread': {one: '{n} new message', other: '{n} new messages'},
  'discover.results': 'Accounts found', 'discover.verified': 'Verified', 'discover.subscribers': {one: '{n} subscriber', other: '{n} subscribers'},
  'friends.title': 'Friends', 'friends.search': 'Find friends by username or name', 'friends.searchPlaceholder': 'Username or name',
  'friends.noneFound': 'Nobody found. People under 18 are only found by their exact username.',
  'friends.asksYou': 'Asked you', 'friends.friend': 'Friend', 'friends.requested': 'Request sent', 'friends.nowFriends': 'Friends now!',
  'friends.pending': 'Pending', 'friends.cancelled': 'Request cancelled', 'friends.cancelRequest': 'Cancel the request to {name}', 'friends.chatWith': 'Chat with {name}',
  'friends.more': 'More for {name}', 'friends.remove': 'Remove friend', 'friends.removeConfirm': 'Remove {name} from your friends? Your chat with them is deleted.',
  'friends.removed': '{name} is no longer your friend.', 'friends.blockConfirm': 'Block {name}? You will no longer see each other anywhere, and your friendship, chats and unopened snaps end.',
  'friends.blocked': 'Blocked.', 'friends.incoming': 'Friend requests', 'friends.outgoing': 'Requests you sent', 'friends.mine': 'My friends',
  'friends.noRequests': 'No requests right now.', 'friends.noneSent': 'No requests waiting.', 'friends.none': 'No friends yet: search above.',
  'friends.share': 'Share my link', 'friends.shareText': 'Add {name} on Pastel', 'friends.linkCopied': 'Link copied.',
  'friends.newRequest': '{name} wants to be your friend', 'friends.requestsCount': {one: '{n} friend request', other: '{n} friend requests'},
  'inbox.title': 'Snaps', 'inbox.newSnap': 'New snap from {name}', 'inbox.newSnap.short': 'New snap', 'inbox.replayable': 'Opened · replay once',
  'inbox.view': 'View the snap from {name}', 'inbox.replay': 'Replay the snap from {name}', 'inbox.empty': 'No snaps yet.',
  'inbox.sent': 'Sent', 'inbox.unseen': {one: '{n} new snap or message', other: '{n} new snaps or messages'}, 'inbox.sentAt': 'Sent', 'inbox.noneSent': 'Nothing sent lately.',
  'sent.delivered': 'Delivered', 'sent.opened': 'Opened', 'sent.replayed': 'Replayed', 'sent.screenshot': 'Screenshot!',
  'profile.changePicture': 'Change photo', 'profile.removePicture': 'Remove photo', 'profile.pictureSaved': 'Profile photo saved.',
  'profile.saved': 'Saved.', 'profile.settings': 'Settings', 'profile.language': 'Language', 'profile.more': 'More',
  'profile.notifications': 'Notifications',
  'story.add': 'My story', 'story.friends': 'Stories of your friends and accounts you follow', 'story.mineEmpty': 'Nothing in your story: post from the camera.',
  'story.of': 'Story of {name}', 'story.itemOf': 'Story of {name}', 'story.playMine': 'Play my story (posted {time})',
  'story.next': 'Next', 'story.previous': 'Previous', 'story.replyTo': 'Reply to {name}…', 'story.replySent': 'Reply sent to {name} ✓',
  'story.openNew': 'New story of {name}', 'story.openSeen': 'Story of {name} (seen)', 'story.viewers': 'Viewers',
  'story.viewerCount': {one: '{n} viewer', other: '{n} viewers'},
  'story.controls': 'Tap the right side for the next item, the left side for the previous one; hold to pause; arrow keys to move, Space to pause, Escape to close.',
  'viewer.snapFrom': 'Snap from {name}', 'viewer.photoFrom': 'Photo from {name}', 'viewer.video': 'Video',
  'viewer.screenshot': 'Screenshots are reported to the sender.',
});
Object.assign(catalogs.fr, {
  'nav.profile': 'Moi', 'nav.chat': 'Chat', 'nav.skip': 'Aller au contenu', 'auth.tagline': 'Des snaps qui disparaissent, des stories pour un jour, ta ville.',
  'action.back': 'Retour', 'action.cancel': 'Annuler', 'action.close': 'Fermer', 'action.decline': 'Refuser', 'action.save': 'Enregistrer',
  'camera.shutter': 'Prendre une photo (maintenir pour filmer)', 'camera.hold': 'Touche pour une photo, maintiens pour une vidéo',
  'camera.captionPlaceholder': 'Ajoute une légende…', 'camera.caption': 'Légende',
  'camera.alt': 'Description pour qui ne voit pas l’image (texte alternatif)',
  'camera.altPlaceholder': 'Décris l’image (requis pour les comptes officiels)…', 'camera.retake': 'Reprendre (jeter cette prise)',
  'camera.yourShot': 'Ta prise', 'camera.yourPhoto': 'La photo que tu viens de prendre', 'camera.yourClip': 'La vidéo que tu viens de filmer',
  'camera.sendTo': 'Envoyer à', 'camera.searchFriends': 'Chercher un ami', 'camera.stories': 'Stories', 'camera.friends': 'Amis',
  'camera.noFriends': "Pas encore d'amis : ajoutes-en depuis l'onglet Chat.", 'camera.myStory': 'Ma story',
  'camera.myStoryHint': 'Tes amis, pendant 24 heures', 'camera.postAs': 'Story de {name}', 'camera.pickSomeone': 'Choisis les destinataires',
  'camera.communityShort': 'story communautaire de {name}', 'camera.sending': 'Envoi…', 'camera.sentTo': 'Envoyé à {names} !',
  'camera.locating': 'Recherche des géofiltres ici…', 'camera.locate': 'Géofiltres de ce lieu', 'camera.pick': 'Choisir une photo ou une vidéo',
  'chat.newMessage': 'Nouveau message de {name}', 'chat.open': 'Touche pour discuter', 'chat.saved': 'Gardé',
  'chat.unread': {one: '{n} nouveau message', other: '{n} nouveaux messages'},
  'discover.results': 'Comptes trouvés', 'discover.verified': 'Vérifié', 'discover.subscribers': {one: '{n} abonné', other: '{n} abonnés'},
  'friends.title': 'Amis', 'friends.search': "Trouver des amis par nom d'utilisateur ou nom", 'friends.searchPlaceholder': "Nom d'utilisateur ou nom",
  'friends.noneFound': "Personne. Les moins de 18 ans ne sont trouvés que par leur nom d'utilisateur exact.",
  'friends.asksYou': 'Te demande', 'friends.friend': 'Ami·e', 'friends.requested': 'Demande envoyée', 'friends.nowFriends': 'Vous êtes amis !',
  'friends.pending': 'En attente', 'friends.cancelled': 'Demande annulée', 'friends.cancelRequest': 'Annuler la demande à {name}', 'friends.chatWith': 'Discuter avec {name}',
  'friends.more': 'Plus pour {name}', 'friends.remove': 'Retirer des amis', 'friends.removeConfirm': 'Retirer {name} de tes amis ? Votre chat est supprimé.',
  'friends.removed': "{name} n'est plus ton ami·e.", 'friends.blockConfirm': 'Bloquer {name} ? Vous ne vous verrez plus nulle part ; amitié, chats et snaps non ouverts prennent fin.',
  'friends.blocked': 'Bloqué.', 'friends.incoming': "Demandes d'amis", 'friends.outgoing': 'Demandes envoyées', 'friends.mine': 'Mes amis',
  'friends.noRequests': 'Aucune demande pour le moment.', 'friends.noneSent': 'Aucune demande en attente.', 'friends.none': "Pas encore d'amis : cherche au-dessus.",
  'friends.share': 'Partager mon lien', 'friends.shareText': 'Ajoute {name} sur Pastel', 'friends.linkCopied': 'Lien copié.',
  'friends.newRequest': '{name} veut être ton ami·e', 'friends.requestsCount': {one: "{n} demande d'ami", other: "{n} demandes d'amis"},
  'inbox.title': 'Snaps', 'inbox.newSnap': 'Nouveau snap de {name}', 'inbox.newSnap.short': 'Nouveau snap', 'inbox.replayable': 'Ouvert · à revoir une fois',
  'inbox.view': 'Voir le snap de {name}', 'inbox.replay': 'Revoir le snap de {name}', 'inbox.empty': 'Aucun snap pour le moment.',
  'inbox.sent': 'Envoyés', 'inbox.unseen': {one: '{n} nouveau snap ou message', other: '{n} nouveaux snaps ou messages'}, 'inbox.sentAt': 'Envoyé', 'inbox.noneSent': 'Rien envoyé récemment.',
  'sent.delivered': 'Distribué', 'sent.opened': 'Ouvert', 'sent.replayed': 'Revu', 'sent.screenshot': "Capture d'écran !",
  'profile.changePicture': 'Changer la photo', 'profile.removePicture': 'Retirer la photo', 'profile.pictureSaved': 'Photo de profil enregistrée.',
  'profile.saved': 'Enregistré.', 'profile.settings': 'Réglages', 'profile.language': 'Langue', 'profile.more': 'Plus',
  'profile.notifications': 'Notifications',
  'story.add': 'Ma story', 'story.friends': 'Stories de tes amis et des comptes suivis', 'story.mineEmpty': 'Rien dans ta story : publie depuis la caméra.',
  'story.of': 'Story de {name}', 'story.itemOf': 'Story de {name}', 'story.playMine': 'Voir ma story (publiée {time})',
  'story.next': 'Suivant', 'story.previous': 'Précédent', 'story.replyTo': 'Répondre à {name}…', 'story.replySent': 'Réponse envoyée à {name} ✓',
  'story.openNew': 'Nouvelle story de {name}', 'story.openSeen': 'Story de {name} (vue)', 'story.viewers': 'Vues',
  'story.viewerCount': {one: '{n} vue', other: '{n} vues'},
  'story.controls': "Touche à droite pour l'élément suivant, à gauche pour le précédent ; maintiens pour mettre en pause ; flèches pour naviguer, Espace pour la pause, Échap pour fermer.",
  'viewer.snapFrom': 'Snap de {name}', 'viewer.photoFrom': 'Photo de {name}', 'viewer.video': 'Vidéo',
  'viewer.screenshot': "Les captures d'écran sont signalées à l'expéditeur.",
});

// The admin screen, roles, audit actions and account categories (issue 14): stable codes from
// the server (`manager`, `story.post`, `city`) are shown through these keys, never as they are.
Object.assign(catalogs.en, {
  'role.owner': 'owner', 'role.manager': 'manager', 'official.activity': 'Activity', 'official.noActivity': 'Nothing done yet.',
  'audit.team.grant': 'added {target} as a manager', 'audit.team.revoke': 'removed {target} from the team', 'audit.story.post': 'posted a story',
  'audit.story.delete': 'deleted a story', 'audit.story.highlight': 'kept a story as a highlight',
  'audit.story.unhighlight': 'removed a highlight', 'audit.chat.send': 'answered {target}',
  'audit.submission.approve': 'approved a community submission', 'audit.submission.reject': 'declined a community submission',
  'audit.geofilter.create': 'published a geofilter',
  'admin.title': 'Administration', 'admin.entry': 'Administration', 'admin.reports': 'Reports', 'admin.geofilters': 'Geofilters',
  'admin.verify': 'Badges', 'admin.show': 'Show', 'admin.status.open': 'Open', 'admin.status.resolved': 'Resolved',
  'admin.status.dismissed': 'Dismissed', 'admin.noReports': 'No open report. All clear.', 'admin.noneDecided': 'Nothing here yet.',
  'admin.reported.account': 'Reported account', 'admin.reported.story': 'Reported story', 'admin.reported.snap': 'Reported snap',
  'admin.by': 'Reported by {name}', 'admin.byDeleted': 'Reported by a deleted account',
  'admin.resolve': 'Mark resolved', 'admin.dismiss': 'Dismiss', 'admin.resolved': 'Report resolved.', 'admin.dismissd': 'Report dismissed.',
  'admin.decided.resolved': 'Resolved by {name}, {date}', 'admin.decided.dismissed': 'Dismissed by {name}, {date}',
  'admin.commandLine': 'the command line', 'admin.storyGone': 'The story is gone (expired or deleted): nothing left to see.',
  'admin.snapGone': 'The snap is gone.', 'admin.accountGone': 'The account was deleted.',
  'admin.snapFrom': 'Sent by {name}, {date}', 'admin.snapPrivate': 'Snaps are private: admins see who sent one and when, never its content.',
  'admin.postedBy': 'Posted by', 'admin.posted': 'Posted', 'admin.alt': 'Text alternative', 'admin.noAlt': 'no text alternative',
  'admin.personal': 'Personal account', 'admin.memberSince': 'member since {date}',
  'admin.geofiltersHint': 'Geofilters of unverified accounts wait here. Check the overlay and that the area is the right place.',
  'admin.noGeofilters': 'No geofilter waiting.', 'admin.window': 'Shown {range}', 'admin.overlay': 'Overlay',
  'admin.overlayOf': 'Overlay of the geofilter {name}', 'admin.area': 'Area (latitude / longitude)',
  'admin.mapLabel': 'Map of the area, a polygon of {n} points, with latitude and longitude lines', 'admin.axes': 'lat ↕ · lon ↔',
  'admin.points': {one: '{n} point', other: '{n} points'}, 'admin.approved': 'Geofilter {name} approved.',
  'admin.rejected': 'Geofilter {name} rejected.',
  'admin.verifyHint': 'Only an admin grants the verified badge of a public account. Search by name or username.',
  'admin.findAccount': 'Find a public account', 'admin.doVerify': 'Verify', 'admin.unverify': 'Remove badge',
  'admin.verifyName': 'Verify {name}', 'admin.unverifyName': 'Remove the verified badge of {name}',
  'admin.verified': '{name} is verified.', 'admin.unverified': '{name} is no longer verified.',
});
Object.assign(catalogs.fr, {
  'role.owner': 'propriétaire', 'role.manager': 'gestionnaire', 'official.activity': 'Activité', 'official.noActivity': 'Aucune action pour le moment.',
  'audit.team.grant': 'a ajouté {target} comme gestionnaire', 'audit.team.revoke': "a retiré {target} de l'équipe", 'audit.story.post': 'a publié une story',
  'audit.story.delete': 'a supprimé une story', 'audit.story.highlight': 'a gardé une story à la une',
  'audit.story.unhighlight': 'a retiré une story de la une', 'audit.chat.send': 'a répondu à {target}',
  'audit.submission.approve': 'a accepté une contribution', 'audit.submission.reject': 'a refusé une contribution',
  'audit.geofilter.create': 'a publié un géofiltre',
  'admin.title': 'Administration', 'admin.entry': 'Administration', 'admin.reports': 'Signalements', 'admin.geofilters': 'Géofiltres',
  'admin.verify': 'Badges', 'admin.show': 'Afficher', 'admin.status.open': 'À traiter', 'admin.status.resolved': 'Traités',
  'admin.status.dismissed': 'Classés sans suite', 'admin.noReports': 'Aucun signalement à traiter.', 'admin.noneDecided': 'Rien pour le moment.',
  'admin.reported.account': 'Compte signalé', 'admin.reported.story': 'Story signalée', 'admin.reported.snap': 'Snap signalé',
  'admin.by': 'Signalé par {name}', 'admin.byDeleted': 'Signalé par un compte supprimé',
  'admin.resolve': 'Marquer traité', 'admin.dismiss': 'Classer sans suite', 'admin.resolved': 'Signalement traité.', 'admin.dismissd': 'Signalement classé sans suite.',
  'admin.decided.resolved': 'Traité par {name}, {date}', 'admin.decided.dismissed': 'Classé sans suite par {name}, {date}',
  'admin.commandLine': 'la ligne de commande', 'admin.storyGone': 'La story a disparu (expirée ou supprimée) : plus rien à voir.',
  'admin.snapGone': 'Le snap a disparu.', 'admin.accountGone': 'Le compte a été supprimé.',
  'admin.snapFrom': 'Envoyé par {name}, {date}', 'admin.snapPrivate': "Les snaps sont privés : l'administration voit qui l'a envoyé et quand, jamais son contenu.",
  'admin.postedBy': 'Publiée par', 'admin.posted': 'Publiée', 'admin.alt': 'Texte alternatif', 'admin.noAlt': 'pas de texte alternatif',
  'admin.personal': 'Compte personnel', 'admin.memberSince': 'inscrit le {date}',
  'admin.geofiltersHint': 'Les géofiltres des comptes non vérifiés attendent ici. Vérifie le calque et que la zone est au bon endroit.',
  'admin.noGeofilters': 'Aucun géofiltre en attente.', 'admin.window': 'Affiché {range}', 'admin.overlay': 'Calque',
  'admin.overlayOf': 'Calque du géofiltre {name}', 'admin.area': 'Zone (latitude / longitude)',
  'admin.mapLabel': 'Carte de la zone, un polygone de {n} points, avec les lignes de latitude et de longitude', 'admin.axes': 'lat ↕ · lon ↔',
  'admin.points': {one: '{n} point', other: '{n} points'}, 'admin.approved': 'Géofiltre {name} accepté.',
  'admin.rejected': 'Géofiltre {name} refusé.',
  'admin.verifyHint': "Seule l'administration accorde le badge vérifié d'un compte public. Cherche par nom ou nom d'utilisateur.",
  'admin.findAccount': 'Trouver un compte public', 'admin.doVerify': 'Vérifier', 'admin.unverify': 'Retirer le badge',
  'admin.verifyName': 'Vérifier {name}', 'admin.unverifyName': 'Retirer le badge vérifié de {name}',
  'admin.verified': '{name} est vérifié.', 'admin.unverified': "{name} n'est plus vérifié.",
});

// Keys of official accounts: sign-up choice and rules, categories, the in-app profile.
Object.assign(catalogs.en, {
  'field.kind': 'Account type', 'kind.personal': 'Personal', 'kind.personalHint': 'Snaps and stories with friends',
  'kind.public': 'Official', 'kind.publicHint': 'City hall, shop, association, media: public stories',
  'field.category': 'Category', 'field.categoryPick': 'Choose a category', 'field.city': 'City', 'field.bio': 'Bio', 'field.website': 'Website',
  'hint.username': '3 to 30 characters: lowercase letters a-z, digits, dot and underscore.',
  'hint.password': 'At least 10 characters.', 'hint.birthDate': 'You must be 13 or older (18 for an official account).',
  'hint.birthDatePublic': 'An official account needs an owner aged 18 or older.',
  'hint.bio': 'Up to 300 characters, shown on the profile.', 'hint.website': 'Optional, an address starting with https://',
  'form.fixFields': 'Some fields need fixing: see the messages under them.',
  'category.city': 'City', 'category.business': 'Business', 'category.association': 'Association', 'category.media': 'Media',
  'category.creator': 'Creator',
  'account.watchStory': 'Watch the story of {name}', 'account.watch': 'Watch story', 'account.edit': 'Edit profile',
  'account.community': 'Community story', 'account.highlights': 'Highlights', 'account.noHighlights': 'No highlights yet.',
  'account.highlightOf': 'Highlight of {name}', 'account.publicPage': 'Open the public page', 'account.unsubscribe': 'Unsubscribe',
  'account.subscribedTo': 'Subscribed to {name}', 'account.unsubscribedFrom': 'Unsubscribed from {name}',
  'discover.subscribeTo': 'Subscribe to {name}', 'discover.unsubscribeFrom': 'Unsubscribe from {name}',
  'profile.official': 'Official account', 'profile.seePublic': 'See my profile',
});
Object.assign(catalogs.fr, {
  'field.kind': 'Type de compte', 'kind.personal': 'Personnel', 'kind.personalHint': 'Snaps et stories entre amis',
  'kind.public': 'Officiel', 'kind.publicHint': 'Mairie, commerce, association, média : des stories publiques',
  'field.category': 'Catégorie', 'field.categoryPick': 'Choisis une catégorie', 'field.city': 'Ville', 'field.bio': 'Bio', 'field.website': 'Site web',
  'hint.username': '3 à 30 caractères : lettres minuscules a-z, chiffres, point et tiret bas.',
  'hint.password': 'Au moins 10 caractères.', 'hint.birthDate': 'Il faut avoir au moins 13 ans (18 pour un compte officiel).',
  'hint.birthDatePublic': 'Un compte officiel doit appartenir à une personne de 18 ans ou plus.',
  'hint.bio': 'Jusqu’à 300 caractères, affichés sur le profil.', 'hint.website': 'Facultatif, une adresse commençant par https://',
  'form.fixFields': 'Certains champs sont à corriger : regarde les messages en dessous.',
  'category.city': 'Ville', 'category.business': 'Commerce', 'category.association': 'Association', 'category.media': 'Média',
  'category.creator': 'Créateur·rice',
  'account.watchStory': 'Voir la story de {name}', 'account.watch': 'Voir la story', 'account.edit': 'Modifier le profil',
  'account.community': 'Story communautaire', 'account.highlights': 'À la une', 'account.noHighlights': 'Rien à la une pour le moment.',
  'account.highlightOf': 'À la une de {name}', 'account.publicPage': 'Ouvrir la page publique', 'account.unsubscribe': 'Se désabonner',
  'account.subscribedTo': 'Abonné·e à {name}', 'account.unsubscribedFrom': 'Désabonné·e de {name}',
  'discover.subscribeTo': "S'abonner à {name}", 'discover.unsubscribeFrom': 'Se désabonner de {name}',
  'profile.official': 'Compte officiel', 'profile.seePublic': 'Voir mon profil',
});

// API errors are translated from their stable kinds alone: the problem's `type` (the last segment
// of its URI) and each field error's `code` (with its `limit`), never from the English text.
Object.assign(catalogs.en, {
  'code.required': 'is required', 'code.too-long': 'must be at most {limit} characters',
  'code.too-short': 'must be at least {limit} characters', 'code.out-of-range': 'is out of range',
  'code.wrong-type': 'has the wrong type', 'code.not-allowed-value': 'is not one of the allowed values',
  'code.invalid-characters': 'contains characters that are not allowed',
  'code.control-characters': 'must not contain control characters',
  'code.username-format': "must be 3 to 30 characters among a-z, 0-9, '.' and '_'",
  'code.date-format': 'must be a date like 2008-05-31', 'code.instant-format': 'must be a date and time',
  'code.in-future': 'must not be in the future', 'code.in-past': 'must be in the future',
  'code.too-young': 'you must be at least {limit} years old', 'code.implausible-date': 'is not a plausible date',
  'code.http-url': 'must be an http(s) address', 'code.before-start': 'must be after the start',
  'code.window-too-long': 'the window may last at most 30 days', 'code.not-yourself': 'cannot be yourself',
  'code.public-account': 'is a public account', 'code.geojson-polygon': 'is not a valid area',
  'code.not-found': 'does not exist', 'code.read-only': 'cannot be changed here',
  'code.malformed-json': 'is not valid JSON', 'code.malformed-multipart': 'is not a valid upload',
  'code.invalid': 'is not valid',
  'problem.bad-credentials': 'Wrong username or password.', 'problem.session-expired': 'Your session has ended: sign in again.',
  'problem.username-taken': 'This username is taken.', 'problem.no-such-account': 'No account has this name.',
  'problem.already-friends': 'You are already friends.', 'problem.already-requested': 'You already sent a request.',
  'problem.not-friends': 'Only between friends.', 'problem.minor-public-story': 'People under 18 cannot post public stories.',
  'problem.too-many-requests': 'Too many attempts: try again later.', 'problem.link-expired': 'This link has expired.',
  'problem.unsupported-media-type': 'This kind of file is not accepted.', 'problem.too-large': 'This is too large.',
});
Object.assign(catalogs.fr, {
  'code.required': 'est obligatoire', 'code.too-long': 'doit faire au plus {limit} caractères',
  'code.too-short': 'doit faire au moins {limit} caractères', 'code.out-of-range': 'est hors des limites',
  'code.wrong-type': "n'a pas le bon type", 'code.not-allowed-value': "n'est pas une valeur permise",
  'code.invalid-characters': 'contient des caractères interdits',
  'code.control-characters': 'ne doit pas contenir de caractères de contrôle',
  'code.username-format': 'doit faire 3 à 30 caractères parmi a-z, 0-9, « . » et « _ »',
  'code.date-format': 'doit être une date comme 2008-05-31', 'code.instant-format': 'doit être une date et une heure',
  'code.in-future': 'ne doit pas être dans le futur', 'code.in-past': 'doit être dans le futur',
  'code.too-young': 'il faut avoir au moins {limit} ans', 'code.implausible-date': "n'est pas une date plausible",
  'code.http-url': 'doit être une adresse http(s)', 'code.before-start': 'doit être après le début',
  'code.window-too-long': 'la période dure au plus 30 jours', 'code.not-yourself': 'ne peut pas être toi',
  'code.public-account': 'est un compte public', 'code.geojson-polygon': "n'est pas une zone valide",
  'code.not-found': "n'existe pas", 'code.read-only': 'ne peut pas être changé ici',
  'code.malformed-json': "n'est pas du JSON valide", 'code.malformed-multipart': "n'est pas un envoi valide",
  'code.invalid': "n'est pas valide",
  'problem.bad-credentials': "Nom d'utilisateur ou mot de passe incorrect.",
  'problem.session-expired': 'Ta session a expiré : reconnecte-toi.',
  'problem.username-taken': "Ce nom d'utilisateur est déjà pris.", 'problem.no-such-account': "Aucun compte n'a ce nom.",
  'problem.already-friends': 'Vous êtes déjà amis.', 'problem.already-requested': 'Tu as déjà envoyé une demande.',
  'problem.not-friends': 'Seulement entre amis.', 'problem.minor-public-story': 'Les moins de 18 ans ne peuvent pas publier de story publique.',
  'problem.too-many-requests': 'Trop de tentatives : réessaie plus tard.', 'problem.link-expired': 'Ce lien a expiré.',
  'problem.unsupported-media-type': "Ce type de fichier n'est pas accepté.", 'problem.too-large': 'C’est trop volumineux.',
});

// Keys of the official account's inbox, the community story (ring, submission, decisions) and
// the text alternative of snaps and submissions.
Object.assign(catalogs.en, {
  'official.inbox': 'Inbox', 'official.inboxOf': 'Inbox of {name}', 'official.inboxEmpty': 'No messages yet. Replies to the account’s stories land here.',
  'official.unread': {one: '{n} unread message', other: '{n} unread messages'},
  'official.unreadShort': {one: '{n} unread', other: '{n} unread'},
  'official.answerAs': 'You answer as {name}', 'official.newMessage': 'New message to {account} from {name}',
  'official.altLabel': 'Description (alt text)', 'official.altNeeded': 'Approving publishes it as the account: describe the picture first.',
  'official.submittedBy': 'by @{name}', 'official.toInbox': 'Open the inbox',
  'community.ring': 'Our story · {name}', 'community.ringLabel': 'Community story of {name} ({count})',
  'community.ringSeen': 'Community story of {name} (seen)', 'community.short': 'Our story',
  'community.by': 'by @{name}', 'community.anonymous': 'shared anonymously', 'community.of': 'Community story of {name}',
  'community.title': 'Our story', 'community.none': 'No community items right now: be the first!',
  'community.submit': 'Send a photo or video', 'community.file': 'Photo or video', 'community.caption': 'Caption (optional)',
  'community.send': 'Submit to the team', 'community.sent': 'Sent! The team of {name} will review it.',
  'community.play': 'Play the community story', 'community.hint': 'The team reviews every submission. Approved ones show here for 24 h, credited to you unless you stay anonymous.',
  'community.approved': 'Your submission is in the story of {name}!', 'community.rejected': '{name} did not keep your submission.',
  'camera.communityNone': 'Subscribe to an official account to submit to its community story.',
  'camera.communityTitle': 'Community stories', 'viewer.snapDescribed': 'Snap from {name}: {alt}',
});
Object.assign(catalogs.fr, {
  'official.inbox': 'Messagerie', 'official.inboxOf': 'Messagerie de {name}', 'official.inboxEmpty': 'Aucun message pour l’instant. Les réponses aux stories du compte arrivent ici.',
  'official.unread': {one: '{n} message non lu', other: '{n} messages non lus'},
  'official.unreadShort': {one: '{n} non lu', other: '{n} non lus'},
  'official.answerAs': 'Tu réponds au nom de {name}', 'official.newMessage': 'Nouveau message pour {account} de {name}',
  'official.altLabel': 'Description (texte alternatif)', 'official.altNeeded': 'Accepter la publie au nom du compte : décris d’abord l’image.',
  'official.submittedBy': 'par @{name}', 'official.toInbox': 'Ouvrir la messagerie',
  'community.ring': 'Notre story · {name}', 'community.ringLabel': 'Story communautaire de {name} ({count})',
  'community.ringSeen': 'Story communautaire de {name} (vue)', 'community.short': 'Notre story',
  'community.by': 'par @{name}', 'community.anonymous': 'partagé anonymement', 'community.of': 'Story communautaire de {name}',
  'community.title': 'Notre story', 'community.none': 'Rien pour l’instant dans la story communautaire : lance-toi !',
  'community.submit': 'Envoyer une photo ou une vidéo', 'community.file': 'Photo ou vidéo', 'community.caption': 'Légende (facultative)',
  'community.send': 'Proposer à l’équipe', 'community.sent': 'Envoyé ! L’équipe de {name} va la regarder.',
  'community.play': 'Voir la story communautaire', 'community.hint': 'L’équipe relit chaque proposition. Celles acceptées s’affichent ici 24 h, à ton nom sauf si tu restes anonyme.',
  'community.approved': 'Ta proposition est dans la story de {name} !', 'community.rejected': '{name} n’a pas retenu ta proposition.',
  'camera.communityNone': 'Abonne-toi à un compte officiel pour proposer à sa story communautaire.',
  'camera.communityTitle': 'Stories communautaires', 'viewer.snapDescribed': 'Snap de {name} : {alt}',
});
// Insights for a mayor's report (insights.js) and the story viewer's announcements (viewer.js).
Object.assign(catalogs.en, {
  'insights.short.unique': 'Viewers', 'insights.short.avgWatch': 'Avg. watch', 'insights.short.completion': 'Completed',
  'insights.nothing': 'Nothing in this period', 'insights.period': 'Period', 'insights.lastDays': {one: '{n} day', other: '{n} days'}, 'insights.custom': 'Custom',
  'insights.customDays': 'Number of days (1 to 90)', 'insights.customHint': 'The last days up to today, at most 90.',
  'insights.apply': 'Show', 'insights.range': '{range} · dates in UTC', 'insights.overview': 'Overview',
  'insights.gainedLost': 'subscribers gained and lost in the period', 'insights.avgWatch': 'Average watch time',
  'insights.pushFollowers': 'Notification followers', 'insights.daily': 'Day by day', 'insights.day': 'Day',
  'insights.chartViews': '{total} views in all, at most {peak} on {day}.',
  'insights.chartSubscribers': '{gained} gained and {lost} lost in all.', 'insights.dayValue': '{day}: {value}',
  'insights.viewCount': {one: '{n} view', other: '{n} views'}, 'insights.showTable': 'Show the numbers as a table',
  'insights.video': 'Video', 'insights.expired': 'Expired', 'insights.noCaption': 'No caption',
  'insights.deleted': 'Deleted: its numbers are kept, not its picture.', 'insights.screenshots': 'Screenshots',
  'insights.replies': 'Replies', 'insights.noItems': 'No story posted in this period.', 'insights.audience': 'Audience',
  'insights.band': '{band} years', 'insights.share': 'Subscribers among viewers', 'insights.shareSubscribers': 'Subscribers',
  'insights.shareOthers': 'Others', 'insights.shareRate': '{rate} of the viewers counted here are subscribers.',
  'insights.hidden': 'Hidden (< {n})',
  'insights.suppressedWhy': 'To protect viewers, a group of fewer than {n} people is never shown as a number: "Hidden" means {max} people or fewer.',
  'insights.sources': 'New subscribers by source',
  'insights.sourcesWhy': 'Subscriptions made in the period, by the way in. Only counts are kept, nothing about who.',
  'insights.noSources': 'No new subscriber in this period.', 'insights.source.qr': 'QR code poster',
  'insights.source.qrCampaign': 'QR code · {campaign}', 'insights.source.discover': 'Discover',
  'insights.source.page': 'Public page', 'insights.source.share': 'Shared link', 'insights.source.other': 'Other',
  'insights.csvWhy': 'One CSV file per table for a spreadsheet: UTF-8, comma separated, dot decimals, dates in UTC.',
  'insights.download': 'Download the table {table} (CSV)', 'insights.downloaded': 'Downloaded: {file}',
  'insights.table.summary': 'Overview', 'insights.table.stories': 'Stories', 'insights.table.daily': 'Day by day',
  'insights.table.audience': 'Audience', 'insights.table.sources': 'Sources', 'insights.csvTitle': 'Download for a spreadsheet',
  'insights.completion': 'Completion rate',
  'story.position': 'Item {index} of {count}', 'story.paused': 'Paused', 'story.playing': 'Playing',
  'story.pause': 'Pause', 'story.play': 'Play', 'story.captions': 'Captions',
});
Object.assign(catalogs.fr, {
  'insights.short.unique': 'Spectateurs', 'insights.short.avgWatch': 'Durée moy.', 'insights.short.completion': 'Complétion',
  'insights.nothing': 'Rien sur cette période', 'insights.period': 'Période', 'insights.lastDays': {one: '{n} jour', other: '{n} jours'}, 'insights.custom': 'Personnalisée',
  'insights.customDays': 'Nombre de jours (1 à 90)', 'insights.customHint': "Les derniers jours jusqu'à aujourd'hui, 90 au plus.",
  'insights.apply': 'Afficher', 'insights.range': '{range} · dates en UTC', 'insights.overview': "Vue d'ensemble",
  'insights.gainedLost': 'abonnés gagnés et perdus sur la période', 'insights.avgWatch': 'Durée moyenne de visionnage',
  'insights.pushFollowers': 'Abonnés aux notifications', 'insights.daily': 'Jour par jour', 'insights.day': 'Jour',
  'insights.chartViews': '{total} vues au total, au plus {peak} le {day}.',
  'insights.chartSubscribers': '{gained} gagnés et {lost} perdus au total.', 'insights.dayValue': '{day} : {value}',
  'insights.viewCount': {one: '{n} vue', other: '{n} vues'}, 'insights.showTable': 'Voir les chiffres en tableau',
  'insights.video': 'Vidéo', 'insights.expired': 'Expirée', 'insights.noCaption': 'Sans légende',
  'insights.deleted': "Supprimée : ses chiffres sont gardés, pas son image.", 'insights.screenshots': "Captures d'écran",
  'insights.replies': 'Réponses', 'insights.noItems': 'Aucune story publiée sur cette période.', 'insights.audience': 'Public',
  'insights.band': '{band} ans', 'insights.share': 'Abonnés parmi les spectateurs', 'insights.shareSubscribers': 'Abonnés',
  'insights.shareOthers': 'Autres', 'insights.shareRate': '{rate} des spectateurs comptés ici sont abonnés.',
  'insights.hidden': 'Masqué (< {n})',
  'insights.suppressedWhy': "Pour protéger les spectateurs, un groupe de moins de {n} personnes n'est jamais affiché en chiffre : « Masqué » veut dire {max} personnes ou moins.",
  'insights.sources': 'Nouveaux abonnés par provenance',
  'insights.sourcesWhy': "Abonnements pris sur la période, selon le chemin d'arrivée. Seuls des totaux sont gardés, rien sur les personnes.",
  'insights.noSources': 'Aucun nouvel abonné sur cette période.', 'insights.source.qr': 'Affiche QR code',
  'insights.source.qrCampaign': 'QR code · {campaign}', 'insights.source.discover': 'Découvrir',
  'insights.source.page': 'Page publique', 'insights.source.share': 'Lien partagé', 'insights.source.other': 'Autre',
  'insights.csvWhy': 'Un fichier CSV par tableau, pour un tableur : UTF-8, séparateur virgule, point décimal, dates en UTC.',
  'insights.download': 'Télécharger le tableau {table} (CSV)', 'insights.downloaded': 'Téléchargé : {file}',
  'insights.table.summary': "Vue d'ensemble", 'insights.table.stories': 'Stories', 'insights.table.daily': 'Jour par jour',
  'insights.table.audience': 'Public', 'insights.table.sources': 'Provenances', 'insights.csvTitle': 'Télécharger pour un tableur',
  'insights.completion': 'Taux de vues complètes',
  'story.position': 'Élément {index} sur {count}', 'story.paused': 'En pause', 'story.playing': 'Lecture',
  'story.pause': 'Pause', 'story.play': 'Lecture', 'story.captions': 'Sous-titres',
});

const fieldKeys = {username: 'field.username', password: 'field.password', displayName: 'field.displayName',
  birthDate: 'field.birthDate', caption: 'camera.caption', alt: 'camera.alt', text: 'field.text', to: 'camera.sendTo',
  viewSeconds: 'camera.viewSeconds', mediaId: 'field.media', name: 'official.geofilterName', area: 'official.area',
  startsAt: 'official.starts', endsAt: 'official.ends', member: 'field.username',
  kind: 'field.kind', category: 'field.category', city: 'field.city', bio: 'field.bio', website: 'field.website'};

function known(key) {
  return catalogs[current][key] !== undefined || catalogs.en[key] !== undefined;
}

/// A problem+json body in the user's language, from its `type` and field `code`s alone: each field
/// error with the field's label, else what its type means, else what its status means.
export function translateProblem(problem) {
  if (problem.errors?.length) {
    return problem.errors.map((e) => {
      const label = fieldKeys[e.field] ? t(fieldKeys[e.field]) : e.field;
      const code = known(`code.${e.code}`) ? `code.${e.code}` : 'code.invalid';
      return `${label}${current === 'fr' ? ' : ' : ': '}${t(code, {limit: e.limit ?? ''})}`;
    }).join(' · ');
  }
  const kind = `problem.${String(problem.type || '').split('/').pop()}`;
  if (known(kind)) return t(kind);
  return known(`problem.${problem.status}`) ? t(`problem.${problem.status}`) : t('error.generic');
}

/// One field error as written under its field, without the label already above it ("Must be at
/// least 10 characters").
export function fieldMessage(error) {
  const code = known(`code.${error.code}`) ? `code.${error.code}` : 'code.invalid';
  const text = t(code, {limit: error.limit ?? ''});
  return text.charAt(0).toLocaleUpperCase(current) + text.slice(1) + '.';
}

let current = localStorage.getItem('pastel.lang')
  || ((navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en');

export function lang() { return current; }

export function setLang(code) {
  current = catalogs[code] ? code : 'en';
  localStorage.setItem('pastel.lang', current);
  document.documentElement.lang = current;
}

export function t(key, params = {}) {
  let text = catalogs[current][key] ?? catalogs.en[key] ?? key;
  if (typeof text === 'object') text = text[new Intl.PluralRules(current).select(Number(params.count ?? params.n ?? 0))] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');
}

/// A count with its noun in the right plural form for the language (Intl.PluralRules).
export function plural(key, n) {
  return t(key, {n: formatNumber(n), count: n});
}

const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

/// "2 minutes ago", "il y a 2 minutes", "now" (Intl.RelativeTimeFormat).
export function relativeTime(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(current, {numeric: 'auto', style: 'long'});
  if (Math.abs(seconds) < 45) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/// "Ana, Ben and Cleo" / "Ana, Ben et Cleo" (Intl.ListFormat).
export function joinNames(names) {
  return new Intl.ListFormat(current, {style: 'long', type: 'conjunction'}).format(names.filter(Boolean));
}

export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

export function formatNumber(value, style = 'decimal') {
  return new Intl.NumberFormat(current, {style, maximumFractionDigits: 1}).format(value);
}

/// "14 juil. 2026, 18:00" / "Jul 14, 2026, 6:00 PM" in the user's language and time zone.
export function formatDate(iso, options = {dateStyle: 'medium', timeStyle: 'short'}) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current, options).format(new Date(iso));
}

/// A window between two instants, the shared parts written once: "14–16 juil. 2026, 18:00 – 02:00".
export function formatDateRange(from, to) {
  const format = new Intl.DateTimeFormat(current, {dateStyle: 'medium', timeStyle: 'short'});
  return format.formatRange(new Date(from), new Date(to));
}

export function formatTime(iso) {
  return new Intl.DateTimeFormat(current, {hour: '2-digit', minute: '2-digit'}).format(new Date(iso));
}

document.documentElement.lang = current;
