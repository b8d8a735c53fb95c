# Cuenta, calculadoras, preguntas, base de conocimientos, organizaciones, traspaso, círculo de
# cuidado, comunidad, ensayos y administración.

## Account

account-your-account = Su cuenta
account-your-new-api-token = Su nuevo token de la API (cópielo ahora; no se volverá a mostrar)
account-profile = Perfil
account-e-mail = Correo electrónico
account-role = Función
account-created = Creada
account-see-your-activity-log = Ver su registro de actividad
account-change-password = Cambiar la contraseña
account-current-password = Contraseña actual
account-keep-my-api-tokens = Mantener activos mis tokens de la API (si no, se revocan con la contraseña anterior)
account-api-tokens = Tokens de la API
account-programs-use-a-token = Los programas usan un token para llamar a la
account-json-api = API JSON
account-as-you = en su nombre:
account-authorization-bearer-myo = Authorization: Bearer myo_…
account-only-a-hash-of = . Solo se guarda un hash de cada token.
account-you-have-no-tokens = No tiene tokens.
account-starts-with = Empieza por
account-last-used = Último uso
account-state = Estado
account-revoked = revocado
account-token = token
account-new-token-name = Nombre del nuevo token
account-create-token = Crear el token
account-where-you-are-signed = Dónde tiene la sesión iniciada
account-signed-in = Sesión iniciada
account-last-active = Última actividad
account-address = Dirección
account-browser = Navegador
account-this-browser = (este navegador)
account-session-started = sesión iniciada
account-delete-your-account = Borrar su cuenta
account-this-removes-your-account = Esto borra su cuenta, sus sesiones y sus tokens de inmediato. El registro de auditoría solo conserva un identificador anónimo.
account-your-password = Su contraseña
account-your-community-posts = Sus mensajes en la comunidad
account-delete-them-with-my = Borrarlos con mi cuenta
account-keep-them-for-others = Dejarlos para que otros los lean, mostrados como «antiguo miembro» y ya no vinculados a mí
account-i-understand-this-cannot = Entiendo que esto no se puede deshacer
account-delete-my-account = Borrar mi cuenta

## Calculator

calc-breadcrumb = Ruta de navegación
calc-classification-criteria-are-not = Los criterios de clasificación no son criterios diagnósticos.
calc-they-group-patients-for = Agrupan a pacientes para la investigación; no pueden decir si usted tiene una enfermedad. Solo su equipo médico puede diagnosticar.
calc-not-yet-verified = Todavía no verificado.
calc-some-numbers-or-rules = Algunos números o reglas de este instrumento todavía se están comprobando con el artículo publicado (estado: parcial). Los resultados se muestran con esa advertencia.
calc-source = Fuente:
calc-doi = doi:
calc-answer-what-you-know = Responda lo que sepa. Todo lo que quede como
calc-is-listed-as-missing = figura como faltante y nunca se cuenta como normal.
calc-please-check-one-answer = Marque una respuesta, por favor
calc-item-by-item = Ítem por ítem
calc-item = Ítem
calc-answer-used = Respuesta usada
calc-points = Puntos
calc-not-assessed = No evaluado
calc-these-items-were-left = Estos ítems quedaron fuera. Nunca se cuentan como normales: { $missing-rule }. El resultado puede cambiar cuando se conozcan.
calc-warnings = Advertencias
calc-notes = Notas
calc-status = Estado:
calc-source-2 = . Fuente: { $citation }.
calc-calculate = Calcular

## Calculators index

calcs-intro = Instrumentos clínicos publicados, calculados exactamente como los describen los artículos, con cada ítem explicado. Son para personas que ya tienen las mediciones de un profesional sanitario. Nada de lo que introduzca se guarda.
calcs-classification-criteria-are-not = Los criterios de clasificación no son criterios diagnósticos: agrupan a pacientes para la investigación y no pueden decir si una persona tiene una enfermedad.
calcs-id = Id.
calcs-status = · estado
calcs-not-yet-verified = (todavía no verificado)

## Ask

ask-call-or-text = , llamada o mensaje de texto
ask-emergency-warning-sign = Señal de alarma de emergencia
ask-urgent-warning-sign = Señal de alarma urgente
ask-this-was-flagged-from = : se detectó por las palabras de su pregunta.
ask-answers-come-only-from = Las respuestas salen solo de las páginas revisadas de Myo y muestran sus fuentes. Myo no puede diagnosticarle ni cambiar sus medicamentos: consulte a su equipo médico sobre su propia atención.
ask-your-question = Su pregunta
ask-please-leave-out-names = No incluya nombres, fechas de nacimiento ni otros datos que le identifiquen.
ask-answer = Respuesta
ask-not-covered-yet = Todavía sin respuesta
ask-about-this-question = Sobre esta pregunta
ask-sources = Fuentes
ask-reviewed = . Revisado el { $reviewed-on }.
ask-related-pages = Páginas relacionadas

## Knowledge-base entry

kbe-this-page-is-past = Esta página ha superado su fecha de revisión
kbe-review-was-due-some = (la revisión correspondía el { $next-review-due }). Algunos datos pueden estar desactualizados; consulte con su equipo médico.
kbe-find-organisations-helplines-and = Encuentre organizaciones, líneas de ayuda y centros especializados en el
kbe-directory-of-organisations-and = directorio de organizaciones y centros
kbe-and-studies-that-are = , y estudios que buscan participantes en el
kbe-clinical-trial-finder = buscador de ensayos clínicos
kbe-in-short = En resumen
kbe-key-facts = Datos clave
kbe-where = Dónde:
kbe-background-reading-only-the = Solo lectura de contexto; los datos de esta página se apoyan en las otras fuentes.
kbe-partly-confirmed = Confirmado en parte:
kbe-reviewed-on = Revisado el
kbe-next-review-due = . Próxima revisión prevista el
kbe-cite-this-page = Citar esta página
kbe-disclaimer = Aviso

## Knowledge-base section

kbs-review-overdue = Revisión atrasada
kbs-also-as-data = También como datos:
kbs-api-v1-kb-section = /api/v1/kb?section=

## Search

search-every-warning-sign-from = : todas las señales de alarma, desde una emergencia hasta lo que comentar en su próxima visita.
search-no-pages-found = No se encontraron páginas
search-pages-found = páginas encontradas
search-try-other-words-or = Pruebe con otras palabras, o
search-ask-a-question = haga una pregunta

## Organisations

orgs-organisations-and-centres = Organizaciones y centros
orgs-patient-organisations-and-networks = Organizaciones de pacientes y redes de centros especializados. Cada ficha procede de un registro citado en una
orgs-knowledge-base-page = página de la base de conocimientos
orgs-listings-marked-not-yet = . Las fichas marcadas «todavía no verificado» no se han comprobado en el sitio de la propia organización: compruebe allí el número antes de llamar.
orgs-country = País
orgs-all-countries = Todos los países
orgs-kind = Tipo
orgs-specialist-centres = Centros especializados
orgs-patient-organisation = Organización de pacientes
orgs-languages = Idiomas
orgs-not-stated = No consta
orgs-helpline = Línea de ayuda
orgs-none-listed = Ninguna indicada
orgs-services = Servicios
orgs-source = Fuente
orgs-cited-on-this-page = citada en esta página
orgs-not-yet-verified = todavía no verificado
orgs-checked-on = · comprobado el
orgs-the-organisation-s-site = el sitio de la organización
orgs-how-to-find-a = Cómo encontrar un centro especializado o una segunda opinión

## Hand-over (the young person)

handover-your-own-myo-log = Su propio acceso a Myo
handover-the-records-kept-for = Los registros llevados para
handover-become-yours-you-will = pasan a ser suyos. Iniciará sesión como
handover-after-this-whoever-kept = . A partir de ahora, quien los llevaba por usted ya no los verá salvo que usted le dé acceso.
handover-choose-a-password = Elija una contraseña
handover-at-least-characters = Al menos { $min-len } caracteres.
handover-make-the-records-mine = Hacer míos los registros
handover-this-link-does-not = Este enlace no funciona: ya se usó, es demasiado antiguo o se copió mal. Pida uno nuevo.

## Hand-over link

handover-link-hand-over-s-profile = Traspasar el perfil de { $child }
handover-link-we-sent-this-link = Enviamos este enlace a
handover-link-this-site-does-not = Este sitio no envía correos: entregue usted mismo este enlace a { $child }, para
handover-link-it-works-once-for = Funciona una sola vez, durante { $days } días, y solo se muestra esta vez.
handover-link-hand-over-link = Enlace de traspaso
handover-link-when-opens-it-and = Cuando { $child } lo abra y elija una contraseña, el perfil y todos sus registros pasarán a ser suyos, y usted dejará de verlos salvo que le dé acceso.
handover-link-back-to-the-records = Volver a los registros que puede ver

## Care circle

care-records-you-can-see = Registros que puede ver
care-choose-whose-records-to = Elija de quién abrir los registros. Cada persona decidió quién puede ver sus registros y puede retirar el acceso en cualquier momento; todo lo que usted consulte o cambie queda en su registro de actividad, con su nombre.
care-your-own-records = Sus propios registros
care-you-are-their = (usted es su { $relation }: { $access })
care-no-one-has-shared = Todavía nadie ha compartido sus registros con usted. Cuando alguien dé acceso a su dirección de correo, sus registros aparecerán aquí después de que usted inicie sesión.
care-add-a-child-s = Añadir el perfil de un niño o niña
care-for-a-child-with = Para un niño o niña con dermatomiositis juvenil: usted lleva sus registros y el menor no tiene acceso propio. Cuando esté preparado (por ejemplo a los 16 años), traspase el perfil desde su
care-page-the-records-become = página: los registros pasarán a ser suyos.
care-child-s-name = Nombre del niño o niña
care-date-of-birth = Fecha de nacimiento
care-child-s-time-zone = Zona horaria del menor (empiece a escribir una ciudad, p. ej. Europe/Madrid)
care-choose-the-zone-the = Elija la zona en la que vive el menor: fija su «hoy» y las horas de las dosis.
care-your-own-time-zone = Se ha rellenado su propia zona horaria; cámbiela si el menor vive en otra zona.
care-add-the-profile = Añadir el perfil

## Community

comm-from-people-living-with = De personas que viven con DM
comm-these-are-personal-experiences = Son experiencias personales, no consejo médico.
comm-they-are-not-reviewed = No están revisadas como la respuesta de esta página y puede que no se apliquen a usted. Nunca cambie un medicamento por un mensaje; consulte a su equipo médico.
comm-posts-cannot-be-shown = Ahora no se pueden mostrar los mensajes. La respuesta revisada de arriba no se ve afectada.
comm-no-one-has-shared = Todavía nadie ha compartido una experiencia aquí.
comm-edited-by-a-moderator = editado por un moderador
comm-waiting-for-a-moderator = A la espera de un moderador.
comm-only-you-can-see = Por ahora solo usted puede ver este mensaje.
comm-person = persona
comm-people = personas
comm-found-this-helpful = lo encontraron útil.
comm-unmark-this-helped-me = Quitar «esto me ayudó»
comm-this-helped-me = Esto me ayudó
comm-report-this-post = Denunciar este mensaje
comm-why-are-you-reporting = ¿Por qué lo denuncia?
comm-anything-else-a-moderator = Algo más que deba saber un moderador (opcional)
comm-send-report = Enviar la denuncia
comm-delete-my-post = Borrar mi mensaje
comm-share-your-experience = Comparta su experiencia
comm-you-post-as = Publica como
comm-your-e-mail-is = . Su correo electrónico nunca se muestra.
comm-your-community-name = Su nombre en la comunidad
comm-shown-on-your-posts = Se muestra en sus mensajes en lugar de su nombre o correo. Lo elige una sola vez.
comm-what-kind-of-post = ¿Qué tipo de mensaje es?
comm-your-experience = Su experiencia
comm-plain-text-in-your = Texto sencillo, con sus propias palabras, sobre usted. Sin nombres, direcciones de correo, teléfonos ni direcciones; enlaces solo a sitios públicos de salud. Un moderador lee los primeros mensajes de quien publica por primera vez antes de que aparezcan.
comm-post = Publicar
comm-to-share-your-experience = para compartir su experiencia o marcar un mensaje como útil.
comm-moderation-queue = Cola de moderación

## Community post

post-your-post-on = Su mensaje sobre «{ $topic-title }»
post-read-about-this-warning = Lea sobre esta señal de alarma
post-your-post-is-kept = Su mensaje se guarda y espera a un moderador antes de que nadie más lo vea. Actúe primero según la advertencia de arriba; un mensaje no es una forma de conseguir ayuda rápida.
post-back-to = Volver a «{ $topic-title }»

## Moderation queue

queue-held-posts-and-reported = Mensajes retenidos y denunciados, primero las emergencias y luego los más antiguos. Cada acción necesita un motivo; se guarda con el historial del mensaje y la acción va al registro de auditoría.
queue-nothing-waits-for-a = No hay nada esperando a un moderador.
queue-emergency-warning-sign = Señal de alarma de emergencia.
queue-the-poster-was-shown = A quien publicó se le mostró la acción de emergencia. Valore si necesita una respuesta que le oriente hacia ayuda urgente.
queue-on = · sobre
queue-held = retenido
queue-hidden = oculto
queue-reports = Denuncias
queue-history = Historial
queue-approve-and-publish = Aprobar y publicar
queue-hide = Ocultar
queue-restore = Restaurar
queue-save-the-edited-text = Guardar el texto editado de abajo
queue-dismiss-the-reports = Descartar las denuncias
queue-text-used-only-when = Texto (solo se usa al editar)
queue-apply = Aplicar
queue-to-the-post-by = al mensaje de

## Trial detail

trial-trial-finder = Buscador de ensayos
trial-on-clinicaltrials-gov = en ClinicalTrials.gov (registro de ensayos)
trial-this-summary-is-written = Este resumen lo escribe Myo a partir de los campos del registro. La página del registro y el equipo del estudio tienen los detalles completos y actualizados.
trial-what-is-tested = Qué se prueba
trial-who-can-join = Quién puede participar
trial-where = Dónde
trial-how-long = Cuánto dura
trial-what-it-asks-of = Qué le pide a usted
trial-contacts = Contactos
trial-no-central-contact-listed = No figura un contacto central; vea en la página del registro el contacto de cada centro.
trial-could-this-study-fit = ¿Podría encajar este estudio conmigo?
trial-tick-the-box-to = Marque la casilla para que Myo lea su seguimiento para esta comprobación.
trial-use-my-tracker-age = Usar mi seguimiento (edad, sexo, tipo de miositis, anticuerpos, medicamentos actuales) para compararlo con este estudio. No se guarda ni se envía nada a nadie.
trial-compare = Comparar
trial-to-compare-the-study = para comparar el estudio con su propio seguimiento.
trial-eligibility-as-the-registry = Criterios de participación tal como los escribe el registro
trial-the-registry-gives-no = El registro no da texto de criterios de participación.

## Trial finder

trials-clinical-trial-finder = Buscador de ensayos clínicos
trials-studies-of-dermatomyositis-and = Estudios de dermatomiositis y de las demás miopatías inflamatorias, copiados de
trials-clinicaltrials-gov = ClinicalTrials.gov
trials-last-updated = Última actualización
trials-no-studies-have-been = Todavía no se ha copiado ningún estudio
trials-an-administrator-runs = : un administrador ejecuta
trials-myo-trials-sync = myo trials sync
trials-the-latest-update-failed = La última actualización ({ $d }) falló; está viendo la última copia correcta.
trials-a-study-listed-here = Que un estudio figure aquí no es una recomendación. Solo el equipo del estudio puede decir si usted puede participar; háblelo con sus propios médicos.
trials-field = (campo: { $field })
trials-status = Estado
trials-open-or-opening-soon = Abierto o a punto de abrir
trials-recruiting-now = Buscando participantes ahora
trials-completed = Terminado
trials-any-status = Cualquier estado
trials-phase = Fase
trials-any-phase = Cualquier fase
trials-anything = Cualquier cosa
trials-your-age-in-years = Su edad en años
trials-your-sex-some-studies = Su sexo (algunos estudios admiten solo uno)
trials-not-given = Sin indicar
trials-female = Mujer
trials-male = Hombre
trials-near-city-or-country = Cerca de (ciudad o país)
trials-a-city-such-as = Una ciudad como Sevilla o Boston, o un país. Todavía no se admiten códigos postales. Las posiciones de las ciudades proceden de GeoNames (CC BY 4.0).
trials-within-km = En un radio de (km)
trials-find-studies = Buscar estudios
trials-of-studies = de { $total } estudios
trials-for = para «{ $n }»
trials-new-since-you-last = Nuevos desde su última visita
trials-tests = Prueba:
trials-nearest-site = Centro más cercano:
trials-saved-searches = Búsquedas guardadas
trials-open-a-saved-search = Abra una búsqueda guardada para ver qué estudios son nuevos desde su última visita. Marque «Avisarme por correo de estudios nuevos» y Myo también le escribirá cuando aparezcan estudios nuevos que coincidan, una vez por estudio. Myo no juzga si un estudio le conviene.
trials-open-a-saved-search-2 = Abra una búsqueda guardada para ver qué estudios son nuevos desde su última visita. Myo los muestra aquí, en la página; este sitio no está preparado para enviar correos.
trials-you-have-no-saved = No tiene búsquedas guardadas.
trials-e-mail-me-new = Avisarme por correo de estudios nuevos
trials-for-2 = para
trials-save-choice = Guardar la elección
trials-save-these-filters-as = Guardar estos filtros como
trials-save-search = Guardar la búsqueda
trials-to-save-a-search = para guardar una búsqueda y ver los estudios nuevos la próxima vez.

## Users (admin)

users-add-accounts-turn-them = Añada cuentas, desactívelas y actívelas, y cambie lo que pueden hacer. Cada cambio queda en el
users-audit-log = registro de auditoría
users-account-made-for = Cuenta creada para
users-with-the-role = con la función
users-temporary-password-shown-only = Contraseña temporal (solo se muestra esta vez)
users-give-it-to-the = Entréguela a la persona de forma segura, por ejemplo en persona o por teléfono. No la envíe en el mismo mensaje que la dirección de correo.
users-ask-them-to-change = Pídale que la cambie la primera vez que inicie sesión:
users-then = , y luego
users-accounts = Cuentas
users-find-by-e-mail = Buscar por dirección de correo
users-find = Buscar
users-show-all = Mostrar todas
users-no-accounts-on-this = No hay cuentas en esta página.
users-no-account-matches = Ninguna cuenta coincide.
users-accounts-oldest-first-page = Cuentas, la más antigua primero (página { $page })
users-actions = Acciones
users-you = (usted)
users-community-moderator = , moderador de la comunidad
users-disabled-since = desactivada desde
users-active = activa
users-none-for-your-own = Ninguna para su propia cuenta
users-new-role-for = Nueva función para
users-change-role = Cambiar la función
users-stop-moderating = Dejar de moderar
users-make-moderator = Hacer moderador
users-make-a-password-reset = Crear un enlace para restablecer la contraseña
users-enable = Activar
users-disable = Desactivar
users-pages-of-accounts = Páginas de cuentas
users-earlier-accounts = Cuentas anteriores
users-later-accounts = Cuentas posteriores
users-disabling-signs-the-person = Al desactivar a una persona se cierran todas sus sesiones y se detienen sus tokens de la API. No puede desactivarse a sí mismo ni quitarse la función de administrador, y siempre queda al menos un administrador activo.
users-add-an-account = Añadir una cuenta
users-myo-makes-a-strong = Myo crea una contraseña temporal segura para la nueva cuenta. Solo la verá una vez.
users-add-account = Añadir la cuenta

## Reset link (admin)

reset-link-password-reset-link = Enlace para restablecer la contraseña
reset-link-a-link-for = Un enlace para
reset-link-to-choose-a-new = para elegir una nueva contraseña. Funciona una sola vez, durante { $hours } horas, y solo se muestra esta vez.
reset-link-reset-link = Enlace de restablecimiento
reset-link-give-it-to-the = Entrégueselo a la persona de forma segura, por ejemplo en persona o por teléfono. Al usarlo se cierran todas sus sesiones y se detienen sus tokens de la API.
reset-link-back-to-the-accounts = Volver a las cuentas

## Audit log

audit-check-the-hash-chain = Comprobar la cadena de hashes
audit-no-events-yet = Todavía no hay eventos.
audit-audit-events-newest-first = Eventos de auditoría, el más reciente primero
audit-when-utc = Cuándo (UTC)
audit-who = Quién
audit-outcome = Resultado
audit-older-events = Eventos anteriores
import-head-added = { $count ->
    [one] se añadió 1 registro
   *[other] se añadieron { $count } registros
}
import-head-will-add = { $count ->
    [one] se añadirá este registro
   *[other] se añadirán estos { $count } registros
}
import-head-refused = { $count ->
    [one] este se rechazó porque { $why }
   *[other] estos { $count } se rechazaron porque { $why }
}
import-head-duplicates = { $count ->
    [one] 1 ya está en sus registros
   *[other] { $count } ya están en sus registros
}
